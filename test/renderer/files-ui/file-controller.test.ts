// File commands against a scripted DocumentFiles: what reaches the document store, the undo
// history and the dirty flag reported back to the files layer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { documentLink, linkDocumentBytes } from '../../../interop/index.ts';
import { FileController } from '../../../renderer/files-ui/file-controller.ts';
import { markClean, useFileState } from '../../../renderer/files-ui/file-state.ts';
import type { DocumentFiles, OpenResult, SaveResult } from '../../../renderer/persistence/types.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { useHistory } from '../../../renderer/store/history-store.ts';
import { exampleText } from '../persistence/fixtures.ts';

interface Script { open: OpenResult[]; save: (() => Promise<SaveResult>)[]; proceed: boolean[]; dirtyReports: boolean[] }

function scriptedFiles(s: Script): DocumentFiles {
  const next = <T>(list: T[], what: string): T => { const v = list.shift(); if (v === undefined) throw new Error(`unexpected ${what}`); return v; };
  return {
    mode: 'browser',
    startup: async () => null,
    newDocument: async () => next(s.proceed, 'newDocument'),
    open: async () => next(s.open, 'open'),
    openDropped: async () => next(s.open, 'openDropped'),
    openRecent: async () => next(s.open, 'openRecent'),
    recentFiles: async () => [],
    openExample: async () => next(s.open, 'openExample'),
    save: () => next(s.save, 'save')(),
    saveAs: () => next(s.save, 'saveAs')(),
    exportFile: () => next(s.save, 'exportFile')(),
    setDirty: (d) => { s.dirtyReports.push(d); },
    autosave: async () => undefined,
    clearAutosave: async () => undefined,
    provideDocument: () => () => undefined,
  };
}

const example = (): Graph => parseGraphFile(exampleText);
let script: Script;
let controller: FileController;
const trainingStops: number[] = [];
let unwatch: () => void;

function editDeletingFirstNode(): void {
  const doc = useDocument.getState();
  doc.select([doc.graph.nodes[0]!.id], []);
  doc.deleteSelection();
}

beforeEach(() => {
  script = { open: [], save: [], proceed: [], dirtyReports: [] };
  const files = scriptedFiles(script);
  controller = new FileController({ files: () => files, training: { stop: () => trainingStops.push(1) } });
  useDocument.getState().load(example());
  markClean('lecture-two-layer.bpgraph', useDocument.getState().graph);
  useFileState.setState({ error: null, status: null });
  unwatch = controller.watchEdits();
});
afterEach(() => { unwatch(); });

describe('opening', () => {
  it('replaces the document, clears history and reports a clean file', async () => {
    editDeletingFirstNode();
    const xor: Graph = { name: 'other', seed: 3, nodes: [], edges: [] };
    script.open.push({ status: 'opened', graph: xor, name: 'other.bpgraph', restored: false });
    await controller.openDocument();
    expect(useDocument.getState().graph.name).toBe('other');
    expect(useHistory.getState().past).toHaveLength(0);
    expect(useFileState.getState().name).toBe('other.bpgraph');
    expect(controller.currentDirty()).toBe(false);
    expect(script.dirtyReports.at(-1)).toBe(false);
  });

  it('an error keeps the graph object and the undo history, and shows the message', async () => {
    editDeletingFirstNode();
    const before = useDocument.getState().graph;
    const past = useHistory.getState().past;
    script.open.push({ status: 'error', message: '"x.bpgraph" could not be opened: not valid JSON' });
    await controller.openDroppedFile({ name: 'x.bpgraph', size: 1, arrayBuffer: async () => new TextEncoder().encode('{').buffer });
    expect(useDocument.getState().graph).toBe(before);
    expect(useHistory.getState().past).toBe(past);
    expect(useFileState.getState().error).toContain('not valid JSON');
    expect(controller.currentDirty()).toBe(true);
  });

  it('restored work opens dirty', async () => {
    script.open.push({ status: 'opened', graph: example(), name: 'kept.bpgraph', restored: true });
    await controller.openExampleDocument('anything');
    expect(controller.currentDirty()).toBe(true);
    expect(script.dirtyReports.at(-1)).toBe(true);
  });
});

describe('saving', () => {
  it('marks the graph that was saved as clean', async () => {
    editDeletingFirstNode();
    expect(controller.currentDirty()).toBe(true);
    script.save.push(async () => ({ status: 'saved', name: 'mine.bpgraph' }));
    await controller.saveDocument(false);
    expect(controller.currentDirty()).toBe(false);
    expect(useFileState.getState().name).toBe('mine.bpgraph');
  });

  it('an edit made while the save runs keeps the document dirty', async () => {
    script.save.push(async () => { editDeletingFirstNode(); return { status: 'saved', name: 'mine.bpgraph' }; });
    await controller.saveDocument(true);
    expect(controller.currentDirty()).toBe(true);
    expect(script.dirtyReports.at(-1)).toBe(true);
  });

  it('a cancelled save changes nothing', async () => {
    editDeletingFirstNode();
    script.save.push(async () => ({ status: 'cancelled' }));
    await controller.saveDocument(false);
    expect(controller.currentDirty()).toBe(true);
    expect(useFileState.getState().name).toBe('lecture-two-layer.bpgraph');
  });
});

describe('edits and New', () => {
  it('reports an edit at once, and a drag only when it stops', () => {
    editDeletingFirstNode();
    expect(script.dirtyReports).toEqual([true]);
    const id = useDocument.getState().graph.nodes[0]!.id;
    useDocument.getState().dragPositions(new Map([[id, { x: 1, y: 2 }]]));
    useDocument.getState().dragPositions(new Map([[id, { x: 3, y: 4 }]]));
    expect(script.dirtyReports).toEqual([true]);
    useDocument.getState().dragStop();
    expect(script.dirtyReports).toEqual([true, true]);
  });

  it('New on a dirty document that the user keeps leaves it alone', async () => {
    editDeletingFirstNode();
    const before = useDocument.getState().graph;
    script.proceed.push(false);
    await controller.newDocument();
    expect(useDocument.getState().graph).toBe(before);
  });

  it('New on a clean document shows the empty untitled document', async () => {
    script.proceed.push(true);
    await controller.newDocument();
    expect(useDocument.getState().graph.nodes).toHaveLength(0);
    expect(useFileState.getState().name).toBe('Untitled.bpgraph');
    expect(controller.currentDirty()).toBe(false);
  });
});

describe('links (issue 11.8)', () => {
  it('opens the document a link holds through the file reader, unsaved, after the unsaved-changes question', async () => {
    const other = { ...example(), name: 'Shared graph', nodes: example().nodes.map((n) => (n.id === 'w1' ? { ...n, params: { W: { shape: [1, 1], data: [0.3] } } } : n)) };
    const link = documentLink(serializeGraph(other), 'https://example.org/');
    script.proceed.push(true);
    const r = await controller.openLink(link);
    expect(r.status).toBe('opened');
    expect(useDocument.getState().graph.nodes.find((n) => n.id === 'w1')!.params!.W!.data).toEqual([0.3]);
    expect(useFileState.getState()).toMatchObject({ name: 'Shared graph.bpgraph', saved: null, error: null });
  });

  it('says a corrupted link is corrupted and keeps the current document', async () => {
    editDeletingFirstNode();
    const before = useDocument.getState().graph;
    const link = controller.documentLink().link;
    const r = await controller.openLink(link.slice(0, -30));
    expect(r.status).toBe('error');
    expect(useFileState.getState().error).toMatch(/^Cannot open the link: the link is cut short or corrupted/);
    expect(useDocument.getState().graph).toBe(before);
    expect(script.proceed).toEqual([]); // nothing was asked: the current document was never at stake
  });

  it('refuses a link to an invalid document with the reader\'s message', async () => {
    const r = await controller.openLink(documentLink('{"format":"backprop-studio-graph","version":2,"nodes":[{"id":"a"}],"edges":[]}'));
    expect(r.status).toBe('error');
    expect(useFileState.getState().error).toMatch(/^"the link" could not be opened: /);
  });

  it('Copy link encodes the current document, which opens back to the same graph', () => {
    const { link, tooLong } = controller.documentLink();
    expect(tooLong).toBeNull();
    expect(parseGraphFile(new TextDecoder().decode(linkDocumentBytes(link)))).toEqual(parseGraphFile(serializeGraph(useDocument.getState().graph)));
  });
});
