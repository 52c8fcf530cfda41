import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseGraphFile } from '../../../engine/index.ts';
import { confirmEach } from '../../../renderer/persistence/browser-adapters.ts';
import { createBrowserFiles } from '../../../renderer/persistence/browser-files.ts';
import { COPY_PREFIX, LEGACY_KEY } from '../../../renderer/persistence/crash-copies.ts';
import { browserDeps, exampleGraph, exampleText, fileOf, MemoryWritable, newProfile, type Profile } from './fixtures.ts';

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

  it('reports the open progress of a large file slice by slice, then null once it is checked', async () => {
    const seen: (number | null)[] = [];
    const t = browserDeps({ progress: (name, f) => { expect(name).toBe('big.bpgraph'); seen.push(f); } });
    const files = createBrowserFiles(t.deps);
    // Padded past one 256 KB slice with whitespace, which JSON ignores.
    const text = exampleText + ' '.repeat(600 * 1024);
    const r = await files.openDropped(new File([text], 'big.bpgraph'));
    expect(r.status).toBe('opened');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.slice(0, -1).every((f, i) => f !== null && f > 0 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
    expect(seen.at(-1)).toBeNull();
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
    const r = await files.openDropped({ name: 'huge.bpgraph', size: MAX_FILE_BYTES + 1, arrayBuffer: async () => { throw new Error('must not be read'); } });
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

const copyKeys = (p: Profile): string[] => [...p.store.entries.keys()].filter((k) => k.startsWith(COPY_PREFIX)).sort();
const edited = (name: string) => ({ ...exampleGraph(), name });

/** A tab of `profile` with a dirty document autosaved: `graph`'s copy is in the store. */
async function dirtyTab(profile: Profile, graph = edited('tab work')) {
  const t = browserDeps({}, profile);
  const files = createBrowserFiles(t.deps);
  files.setDirty(true);
  await files.autosave(graph);
  return { ...t, files, graph };
}

describe('browser mode: exporting', () => {
  it('downloads the export under the document\'s name with the format\'s extension and type', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    expect(await files.exportFile('pytorch', 'two-moons.bpgraph', 'import torch\n')).toEqual({ status: 'saved', name: 'two-moons.py' });
    expect(t.downloads).toEqual([{ name: 'two-moons.py', text: 'import torch\n', type: 'text/x-python' }]);
    expect(files.documentName()).toBe('Untitled.bpgraph'); // an export is not the document's file
  });
});

describe('browser mode: one crash copy per tab', () => {
  it('keeps a copy while dirty, and a tab opened after this one closed offers it back as unsaved work', async () => {
    const profile = newProfile();
    const t = browserDeps({}, profile);
    const files = createBrowserFiles(t.deps);
    await files.autosave(exampleGraph());
    expect(copyKeys(profile)).toEqual([]); // clean: nothing to keep
    files.setDirty(true);
    await files.autosave(edited('edited'));
    expect(copyKeys(profile)).toHaveLength(1);
    t.tab.close(); // the tab is gone without a clean exit
    const later = browserDeps({}, profile);
    later.restoreChoices.push({ action: 'restore', key: copyKeys(profile)[0]! });
    const laterFiles = createBrowserFiles(later.deps);
    expect(await laterFiles.startup()).toEqual({ status: 'opened', graph: edited('edited'), name: 'Untitled.bpgraph', restored: true });
    expect(later.offered).toEqual([[{ key: copyKeys(profile)[0], name: 'Untitled.bpgraph', savedAt: 1_700_000_000_000, problem: null }]]);
    expect(laterFiles.isDirty()).toBe(true);
  });

  it("a second tab never offers the copy of a tab that is still open, and its New, Save or Discard never delete it", async () => {
    const profile = newProfile();
    const first = await dirtyTab(profile);
    const second = browserDeps({}, profile);
    const files = createBrowserFiles(second.deps);
    expect(await files.startup()).toBeNull();
    expect(second.offered).toEqual([]);
    files.setDirty(true);
    await files.autosave(edited('second tab'));
    expect(copyKeys(profile)).toHaveLength(2);
    await files.save(exampleGraph()); // download: clears the second tab's copy only
    await files.newDocument();
    await files.clearAutosave();
    expect(copyKeys(profile)).toHaveLength(1);
    expect(parseGraphFile((profile.store.entries.get(copyKeys(profile)[0]!) as { text: string }).text)).toEqual(first.graph);
  });

  it("Discard in a second tab deletes the orphaned copy it was offered, never an open tab's", async () => {
    const profile = newProfile();
    const open = await dirtyTab(profile, edited('open tab'));
    const openKey = copyKeys(profile)[0]!;
    const crashed = await dirtyTab(profile, edited('crashed tab'));
    const orphanKey = copyKeys(profile).find((k) => k !== openKey)!;
    crashed.tab.close();
    const third = browserDeps({}, profile);
    third.restoreChoices.push({ action: 'discard', key: orphanKey });
    expect(await createBrowserFiles(third.deps).startup()).toBeNull();
    expect(third.offered.map((o) => o.map((c) => c.key))).toEqual([[orphanKey]]);
    expect(copyKeys(profile)).toEqual([openKey]);
    expect(open.files.isDirty()).toBe(true);
  });

  it('after two dirty tabs crash, a new tab offers both; restoring one adopts it, the other waits for the next tab', async () => {
    const profile = newProfile();
    const a = await dirtyTab(profile, edited('work of tab A'));
    const b = await dirtyTab(profile, edited('work of tab B'));
    a.tab.close();
    b.tab.close();
    const [keyA, keyB] = [a, b].map((t) => copyKeys(t.profile).find((k) => (profile.store.entries.get(k) as { text: string }).text.includes(t.graph.name!))!);
    const next = browserDeps({}, profile);
    next.restoreChoices.push({ action: 'restore', key: keyB! });
    const files = createBrowserFiles(next.deps);
    const r = await files.startup();
    expect(next.offered[0]!.map((o) => o.key).sort()).toEqual([keyA, keyB].sort());
    expect(r).toMatchObject({ status: 'opened', restored: true, graph: b.graph });
    // The tab now owns B's copy: its next autosave replaces it instead of adding a third.
    await files.autosave(edited('B, edited further'));
    expect(copyKeys(profile)).toEqual([keyA, keyB].sort());
    expect((profile.store.entries.get(keyB!) as { text: string }).text).toContain('B, edited further');
    // A is still an orphan for the next tab; B is not (its new owner is open).
    const last = browserDeps({}, profile);
    await createBrowserFiles(last.deps).startup();
    expect(last.offered.map((o) => o.map((c) => c.key))).toEqual([[keyA]]);
  });

  it('two tabs starting at once never offer the same copy', async () => {
    const profile = newProfile();
    (await dirtyTab(profile)).tab.close();
    const one = browserDeps({}, profile);
    const two = browserDeps({}, profile);
    let answer: () => void = () => undefined;
    const firstAsked = new Promise<void>((resolve) => {
      one.deps.chooseRestore = async (offers) => { one.offered.push(offers); resolve(); await new Promise<void>((r) => { answer = r; }); return { action: 'later' }; };
    });
    const starting = createBrowserFiles(one.deps).startup();
    await firstAsked;
    expect(await createBrowserFiles(two.deps).startup()).toBeNull();
    expect([one.offered.length, two.offered.length]).toEqual([1, 0]);
    answer();
    await starting;
    const three = browserDeps({}, profile); // "Later" handed the copy back
    await createBrowserFiles(three.deps).startup();
    expect(three.offered).toHaveLength(1);
  });

  it('offers the single shared copy of earlier versions as one more orphan', async () => {
    const profile = newProfile();
    await profile.store.set(LEGACY_KEY, { text: exampleText, name: 'old.bpgraph', savedAt: 5 });
    const t = browserDeps({}, profile);
    t.restoreChoices.push({ action: 'restore', key: LEGACY_KEY });
    expect(await createBrowserFiles(t.deps).startup()).toMatchObject({ status: 'opened', name: 'old.bpgraph', restored: true });
  });

  it('a copy that cannot be restored is listed with the reason and kept until discarded', async () => {
    const profile = newProfile();
    await profile.store.set(`${COPY_PREFIX}newer`, { text: JSON.stringify({ ...JSON.parse(exampleText), version: 9 }), name: 'newer.bpgraph', savedAt: 7 });
    await profile.store.set(`${COPY_PREFIX}damaged`, { text: 42 });
    const t = browserDeps({}, profile);
    t.restoreChoices.push({ action: 'restore', key: `${COPY_PREFIX}newer` }, { action: 'later' });
    expect(await createBrowserFiles(t.deps).startup()).toBeNull();
    const [damaged, newer] = t.offered[0]!;
    expect(damaged).toEqual({ key: `${COPY_PREFIX}damaged`, name: 'unsaved work', savedAt: null, problem: 'the copy is damaged' });
    expect(newer!.problem).toMatch(/^"newer.bpgraph" could not be opened: the file is version 9, made by a newer Backprop Studio/);
    expect(t.offered).toHaveLength(2); // restoring it did nothing; asked again
    expect(copyKeys(profile)).toEqual([`${COPY_PREFIX}damaged`, `${COPY_PREFIX}newer`]);
    const u = browserDeps({}, profile);
    u.restoreChoices.push({ action: 'discard', key: `${COPY_PREFIX}damaged` }, { action: 'discard', key: `${COPY_PREFIX}newer` });
    expect(await createBrowserFiles(u.deps).startup()).toBeNull();
    expect(u.offered.map((o) => o.length)).toEqual([2, 1]);
    expect(copyKeys(profile)).toEqual([]);
  });

  it('saving clears the copy of the tab that saved', async () => {
    const profile = newProfile();
    const t = await dirtyTab(profile);
    await t.files.save(exampleGraph());
    expect(copyKeys(profile)).toEqual([]);
  });

  it('without the banner, confirm() offers the newest copy that can be restored; No keeps them all', () => {
    const offers = [
      { key: 'autosave:a', name: 'a.bpgraph', savedAt: 1, problem: null },
      { key: 'autosave:b', name: 'b.bpgraph', savedAt: 2, problem: null },
      { key: 'autosave:c', name: 'c.bpgraph', savedAt: 3, problem: 'damaged' },
    ];
    const asked: string[] = [];
    expect(confirmEach(offers, (m) => { asked.push(m); return true; })).toEqual({ action: 'restore', key: 'autosave:b' });
    expect(asked[0]).toMatch(/^Unsaved changes to "b.bpgraph" from .* were kept. Restore them\?$/);
    expect(confirmEach(offers, () => false)).toEqual({ action: 'later' });
    expect(confirmEach([offers[2]!], () => true)).toEqual({ action: 'later' });
  });
});
