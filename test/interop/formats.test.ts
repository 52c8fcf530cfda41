// How exports are named: after the document, with the format's extension, never with a folder part.
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../interop/index.ts';

describe('exportFileName', () => {
  it.each([
    ['two-moons.bpgraph', 'two-moons.py'], ['Untitled.bpgraph', 'Untitled.py'], ['model.py', 'model.py'], ['a.b.BPGRAPH', 'a.b.py'],
    ['../../etc/passwd', 'passwd.py'], ['C:\\Users\\me\\x.bpgraph', 'x.py'], ['', 'model.py'], ['..', 'model.py'], ['.bashrc', 'bashrc.py'],
    ['what? "now"', 'what- -now-.py'], ['tab\there', 'tab-here.py'],
  ])('%j → %j', (name, file) => {
    expect(exportFileName(name, 'pytorch')).toBe(file);
  });
});
