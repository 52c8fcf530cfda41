import { describe, expect, it, vi } from 'vitest';
import { parseGraphFile, serializeGraph } from '../../../engine/index.ts';
import { createDesktopFiles, type DesktopApi } from '../../../renderer/persistence/desktop-files.ts';
import { exampleGraph, exampleText } from './fixtures.ts';

function fakeApi(over: Partial<DesktopApi> = {}): DesktopApi {
  const never = () => { throw new Error('not expected'); };
  return {
    openFile: never, openDropped: never, openRecent: never, openExample: never, startupDocument: never, newDocument: never,
    save: never, saveAs: never, exportFile: never, recentFiles: never, setDirty: never, autosave: never, clearAutosave: never, provideDocument: never,
    ...over,
  };
}

describe('desktop mode', () => {
  it('hands an export to main, which asks where and writes it', async () => {
    const calls: unknown[][] = [];
    const files = createDesktopFiles(fakeApi({ exportFile: async (...args) => { calls.push(args); return { status: 'saved', name: 'm.py' }; } }));
    expect(await files.exportFile('pytorch', 'm.bpgraph', 'import torch\n')).toEqual({ status: 'saved', name: 'm.py' });
    expect(calls).toEqual([['pytorch', 'm.bpgraph', 'import torch\n']]);
  });

  it('turns an opened reply into a graph', async () => {
    const files = createDesktopFiles(fakeApi({ openFile: async () => ({ status: 'opened', text: exampleText, name: 'l.bpgraph', restored: false }) }));
    expect(await files.open()).toEqual({ status: 'opened', graph: exampleGraph(), name: 'l.bpgraph', restored: false });
  });

  it('passes errors and cancellations through', async () => {
    const files = createDesktopFiles(fakeApi({
      openFile: async () => ({ status: 'error', message: '"x" could not be opened: nope' }),
      openRecent: async () => ({ status: 'cancelled' }),
    }));
    expect(await files.open()).toEqual({ status: 'error', message: '"x" could not be opened: nope' });
    expect(await files.openRecent('id')).toEqual({ status: 'cancelled' });
  });

  it('sends the serialized graph to save, never a path', async () => {
    const save = vi.fn(async () => ({ status: 'saved' as const, name: 'g.bpgraph' }));
    const files = createDesktopFiles(fakeApi({ save }));
    const graph = { ...exampleGraph(), name: 'to disk' };
    expect(await files.save(graph)).toEqual({ status: 'saved', name: 'g.bpgraph' });
    expect(save.mock.calls).toEqual([[serializeGraph(graph)]]);
  });

  it('answers main\'s document requests with the current graph as text', async () => {
    let provider: (() => string | Promise<string>) | undefined;
    const files = createDesktopFiles(fakeApi({ provideDocument: (p) => { provider = p; return () => undefined; } }));
    const graph = exampleGraph();
    files.provideDocument(() => graph);
    expect(parseGraphFile(await provider!())).toEqual(graph);
  });

  it('startup with nothing to show is null', async () => {
    expect(await createDesktopFiles(fakeApi({ startupDocument: async () => null })).startup()).toBeNull();
  });
});
