// The pure rules of the files UI: dirty by graph identity, the window title, which drags are files.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { carriesFiles, documentTitle, isDirty } from '../../../renderer/files-ui/file-state.ts';

const graph = (): Graph => ({ name: 'g', seed: 0, nodes: [], edges: [] });

describe('isDirty', () => {
  it('is clean only for the very graph object that was saved', () => {
    const saved = graph();
    expect(isDirty(saved, saved)).toBe(false);
    // An equal copy is still a different document state (an edit and its inverse make a new object).
    expect(isDirty(graph(), saved)).toBe(true);
  });
  it('is dirty when nothing was saved (restored work)', () => {
    expect(isDirty(graph(), null)).toBe(true);
  });
});

describe('documentTitle', () => {
  it('marks unsaved changes with a leading dot', () => {
    expect(documentTitle('xor.bpgraph', true)).toBe('• xor.bpgraph — Backprop Studio');
    expect(documentTitle('xor.bpgraph', false)).toBe('xor.bpgraph — Backprop Studio');
  });
});

describe('carriesFiles', () => {
  it('accepts drags from the file system and ignores palette drags', () => {
    expect(carriesFiles(['Files'])).toBe(true);
    expect(carriesFiles(['application/x-bps-kind', 'text/plain'])).toBe(false);
    expect(carriesFiles(undefined)).toBe(false);
  });
});
