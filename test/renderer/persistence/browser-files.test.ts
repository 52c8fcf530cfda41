import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseGraphFile } from '../../../engine/index.ts';
import { AUTOSAVE_KEY, createBrowserFiles } from '../../../renderer/persistence/browser-files.ts';
import { browserDeps, exampleGraph, exampleText, fileOf, MemoryWritable } from './fixtures.ts';

describe('browser mode: opening', () => {
  it('opens a picked file and names the document after it', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    t.picks.push(fileOf('lecture.bpgraph', exampleText));
    const r = await files.open();
    expect(r).toMatchObject({ status: 'opened', name: 'lecture.bpgraph', restored: false });
    if (r.status === 'opened') expect(r.graph).toEqual(exampleGraph());
    expect(files.documentName()).toBe('lecture.bpgraph');
  });

  it('gives the same messages as desktop mode for bad files, and notifies the user', async () => {
    const cases: [string, string, RegExp][] = [
      ['malformed.bpgraph', '{"format":', /not valid JSON/],
      ['marker.bpgraph', JSON.stringify({ ...JSON.parse(exampleText), format: 'other' }), /not a Backprop Studio graph/],
      ['newer.bpgraph', JSON.stringify({ ...JSON.parse(exampleText), version: 5 }), /version 5, made by a newer Backprop Studio/],
      ['invalid.bpgraph', JSON.stringify({ ...JSON.parse(exampleText), edges: [{ id: 'e', source: 'nope', target: 'loss', targetPort: 'in' }] }), /the graph is invalid/],
    ];
    for (const [name, text, reason] of cases) {
      const t = browserDeps();
      const files = createBrowserFiles(t.deps);
      t.picks.push(fileOf(name, text));
      const r = await files.open();
      expect(r.status, name).toBe('error');
      expect(t.notified[0], name).toMatch(new RegExp(`^"${name}" could not be opened: .*${reason.source}`));
    }
  });

  it('refuses a file over 50 MB from its size without reading it', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    const r = await files.openDropped({ name: 'huge.bpgraph', size: MAX_FILE_BYTES + 1, text: async () => { throw new Error('must not be read'); } });
    expect(r).toEqual({ status: 'error', message: expect.stringMatching(/huge.bpgraph.*graphs larger than 50 MB are refused/) });
  });

  it('asks before replacing unsaved changes; cancelling keeps the document', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    t.picks.push(fileOf('a.bpgraph', exampleText));
    await files.open();
    files.setDirty(true);
    t.confirms.push(false);
    expect(await files.openDropped(fileOf('b.bpgraph', exampleText))).toEqual({ status: 'cancelled' });
    expect(t.asked).toEqual(['"a.bpgraph" has unsaved changes. Discard them?']);
    expect(files.documentName()).toBe('a.bpgraph');
  });

  it('refuses dropped files that are not .bpgraph', async () => {
    const t = browserDeps();
    expect((await createBrowserFiles(t.deps).openDropped(fileOf('photo.png', 'x'))).status).toBe('error');
  });

  it('opens a bundled example as an untitled copy', async () => {
    const t = browserDeps({ examples: { lecture: async () => exampleText } });
    const files = createBrowserFiles(t.deps);
    expect(await files.openExample('lecture')).toMatchObject({ status: 'opened', name: 'lecture.bpgraph' });
    expect((await files.openExample('missing')).status).toBe('error');
  });
});

describe('browser mode: saving', () => {
  it('without the File System Access API, Save downloads the serialized graph', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    files.setDirty(true);
    const graph = { ...exampleGraph(), name: 'downloaded' };
    expect(await files.save(graph)).toEqual({ status: 'saved', name: 'Untitled.bpgraph' });
    expect(t.downloads).toHaveLength(1);
    expect(parseGraphFile(t.downloads[0]!.text)).toEqual(graph);
    expect(files.isDirty()).toBe(false);
  });

  it('with the API, Save writes back to the opened file and Save As asks for a new one', async () => {
    const opened = new MemoryWritable('opened.bpgraph');
    const chosen = new MemoryWritable('chosen.bpgraph');
    const t = browserDeps({ pickSaveTarget: async () => chosen });
    const files = createBrowserFiles(t.deps);
    t.picks.push(fileOf('opened.bpgraph', exampleText, opened));
    await files.open();
    await files.save(exampleGraph());
    expect(opened.writes).toHaveLength(1);
    expect(await files.saveAs(exampleGraph())).toEqual({ status: 'saved', name: 'chosen.bpgraph' });
    await files.save(exampleGraph());
    expect(chosen.writes).toHaveLength(2);
    expect(t.downloads).toEqual([]);
  });

  it('a failed write is reported and the document stays dirty', async () => {
    const t = browserDeps({ pickSaveTarget: async () => new MemoryWritable('locked.bpgraph', new DOMException('The request is not allowed', 'NotAllowedError')) });
    const files = createBrowserFiles(t.deps);
    files.setDirty(true);
    const r = await files.saveAs(exampleGraph());
    expect(r).toEqual({ status: 'error', message: 'Could not save "locked.bpgraph": The request is not allowed' });
    expect(t.notified).toEqual([r.status === 'error' ? r.message : '']);
    expect(files.isDirty()).toBe(true);
  });

  it('a cancelled save picker changes nothing', async () => {
    const t = browserDeps({ pickSaveTarget: async () => null });
    const files = createBrowserFiles(t.deps);
    files.setDirty(true);
    expect(await files.saveAs(exampleGraph())).toEqual({ status: 'cancelled' });
    expect(files.isDirty()).toBe(true);
  });
});

describe('browser mode: autosave and restore', () => {
  it('keeps a copy while dirty, and a later session offers it back as unsaved work', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    await files.autosave(exampleGraph());
    expect(t.store.entries.has(AUTOSAVE_KEY)).toBe(false); // clean: nothing to keep
    files.setDirty(true);
    const edited = { ...exampleGraph(), name: 'edited' };
    await files.autosave(edited);
    // next session over the same store
    const later = createBrowserFiles({ ...t.deps, confirm: (m) => { t.asked.push(m); return true; } });
    const r = await later.startup();
    expect(r).toEqual({ status: 'opened', graph: edited, name: 'Untitled.bpgraph', restored: true });
    expect(t.asked[0]).toMatch(/^Unsaved changes to "Untitled.bpgraph" from .* were kept. Restore them\?$/);
    expect(later.isDirty()).toBe(true);
  });

  it('declining the restore clears it; saving clears it too', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    files.setDirty(true);
    await files.autosave(exampleGraph());
    t.confirms.push(false);
    expect(await createBrowserFiles(t.deps).startup()).toBeNull();
    expect(t.store.entries.has(AUTOSAVE_KEY)).toBe(false);
    await files.autosave(exampleGraph());
    await files.save(exampleGraph());
    expect(t.store.entries.has(AUTOSAVE_KEY)).toBe(false);
  });

  it('ignores a damaged autosave record', async () => {
    const t = browserDeps();
    await t.store.set(AUTOSAVE_KEY, { text: 42 });
    expect(await createBrowserFiles(t.deps).startup()).toBeNull();
    expect(t.asked).toEqual([]);
  });
});
