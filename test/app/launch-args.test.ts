import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPathFromArgv, exampleLabel, listExamples } from '../../app/main/launch-args.ts';
import { tempDir } from './helpers.ts';

describe('documentPathFromArgv', () => {
  it('finds the file in `electron dist-app/main.cjs graph.bpgraph`, relative to the working folder', () => {
    expect(documentPathFromArgv(['electron', 'dist-app/main.cjs', 'examples/a.bpgraph'], '/work', false)).toBe(resolve('/work', 'examples/a.bpgraph'));
  });
  it('finds it in a packaged launch, skipping Chromium switches', () => {
    expect(documentPathFromArgv(['/opt/bps/backprop-studio', '--no-sandbox', '/home/me/G.BPGRAPH'], '/', true)).toBe('/home/me/G.BPGRAPH');
  });
  it('ignores other arguments', () => {
    expect(documentPathFromArgv(['/opt/bps/backprop-studio', 'notes.txt', '--flag=x.bpgraph'], '/', true)).toBeNull();
    expect(documentPathFromArgv(['electron', 'x.bpgraph'], '/', false)).toBeNull();
  });
});

describe('examples', () => {
  it('lists .bpgraph files by id, sorted, skipping odd names', async () => {
    const dir = await tempDir();
    for (const n of ['b.bpgraph', 'a-one.bpgraph', 'readme.md', 'bad name.bpgraph']) await writeFile(join(dir, n), '{}');
    expect([...(await listExamples(dir)).keys()]).toEqual(['a-one', 'b']);
    expect((await listExamples(join(dir, 'missing'))).size).toBe(0);
    expect(exampleLabel('lecture-two-layer')).toBe('Lecture two layer');
  });
});
