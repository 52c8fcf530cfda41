import { chmod, link, lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraph } from '../../engine/index.ts';
import { documentFileName, readGraphText } from '../../app/common/graph-document.ts';
import { createAutosaveStore } from '../../app/main/autosave.ts';
import { describeWriteError, DocumentController, windowTitle, type DocumentState } from '../../app/main/document.ts';
import { createRecentFiles } from '../../app/main/recent-files.ts';
import { examplePath, exampleText, ScriptedDialogs, tempDir } from './helpers.ts';

async function setup(options: { document?: () => Promise<string> } = {}) {
  const dir = await tempDir();
  const dialogs = new ScriptedDialogs();
  const states: DocumentState[] = [];
  const data = join(dir, 'data');
  const autosave = createAutosaveStore(data);
  const recent = createRecentFiles(data);
  const controller = new DocumentController({
    dialogs, recent, autosave,
    examples: new Map([['lecture-two-layer', examplePath]]),
    documentsDir: join(dir, 'docs'),
    requestDocument: options.document ?? (() => exampleText()),
    onStateChange: (s) => states.push(s),
    now: () => 1_700_000_000_000,
  });
  const docPath = join(dir, 'work.bpgraph');
  await writeFile(docPath, await exampleText());
  return { dir, dialogs, states, autosave, recent, controller, docPath };
}

/** The example with a different name, so written files can be told apart. */
async function editedText(name: string): Promise<string> {
  const read = readGraphText(await exampleText(), 'x');
  if (!read.ok) throw new Error(read.message);
  return serializeGraph({ ...read.graph, name });
}

describe('opening', () => {
  it('opens the chosen file, adds it to recent files and titles the window by file name', async () => {
    const { controller, dialogs, docPath, recent } = await setup();
    dialogs.openPaths.push(docPath);
    const r = await controller.open();
    expect(r).toMatchObject({ status: 'opened', name: 'work.bpgraph', restored: false });
    expect(controller.state).toEqual({ path: docPath, name: 'work.bpgraph', dirty: false });
    expect(windowTitle(controller.state)).toBe('work.bpgraph — Backprop Studio');
    expect((await recent.list()).map((f) => f.name)).toEqual(['work.bpgraph']);
  });

  it('shows a bad file\'s problem and leaves the open document untouched', async () => {
    const { controller, dialogs, docPath, dir } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    controller.setDirty(true);
    const bad = join(dir, 'broken.bpgraph');
    await writeFile(bad, 'not json at all');
    dialogs.unsavedChoices.push('discard');
    dialogs.openPaths.push(bad);
    const r = await controller.open();
    expect(r.status).toBe('error');
    expect(dialogs.errors).toEqual([expect.stringMatching(/^"broken.bpgraph" could not be opened: not valid JSON/)]);
    expect(controller.state).toEqual({ path: docPath, name: 'work.bpgraph', dirty: true });
  });

  it('asks Save / Don\'t save / Cancel before opening over unsaved changes; Cancel stops', async () => {
    const { controller, dialogs, docPath } = await setup();
    controller.setDirty(true);
    dialogs.unsavedChoices.push('cancel');
    expect(await controller.open()).toEqual({ status: 'cancelled' });
    expect(dialogs.asked).toEqual(['unsaved:Untitled.bpgraph']);
    dialogs.unsavedChoices.push('discard');
    dialogs.openPaths.push(docPath);
    expect((await controller.open()).status).toBe('opened');
  });

  it('Save in that prompt pulls the document from the page and writes it first', async () => {
    const text = await editedText('pulled from the page');
    const { controller, dialogs, docPath, dir } = await setup({ document: async () => text });
    dialogs.openPaths.push(docPath);
    await controller.open();
    controller.setDirty(true);
    dialogs.unsavedChoices.push('save');
    const other = join(dir, 'other.bpgraph');
    await writeFile(other, await exampleText());
    dialogs.openPaths.push(other);
    expect((await controller.open()).status).toBe('opened');
    expect(await readFile(docPath, 'utf8')).toBe(text);
  });

  it('refuses dropped files that are not .bpgraph', async () => {
    const { controller, dialogs } = await setup();
    const r = await controller.openDropped('/home/me/notes.txt');
    expect(r).toEqual({ status: 'error', message: '"notes.txt" could not be opened: only .bpgraph files can be opened' });
    expect(dialogs.errors).toHaveLength(1);
  });

  it('opens a recent file by id and reports one that vanished', async () => {
    const { controller, dialogs, docPath, recent } = await setup();
    await recent.add(docPath);
    const [entry] = await recent.list();
    expect((await controller.openRecent(entry!.id)).status).toBe('opened');
    expect((await controller.openRecent('AAAAAAAAAAAAAAAAAAAAAA')).status).toBe('error');
    expect(dialogs.errors[0]).toMatch(/no longer in the recent list/);
  });

  it('opens examples as untitled copies so Save never overwrites them', async () => {
    const { controller, dialogs, dir } = await setup();
    expect((await controller.openExample('lecture-two-layer')).status).toBe('opened');
    expect(controller.state.path).toBeNull();
    dialogs.savePaths.push(join(dir, 'mine'));
    const saved = await controller.save(await exampleText());
    expect(saved).toEqual({ status: 'saved', name: 'mine.bpgraph' });
    expect(dialogs.saveDefaults[0]).toBe(join(dir, 'docs', 'lecture-two-layer.bpgraph'));
    expect((await controller.openExample('nope')).status).toBe('error');
  });
});

describe('saving', () => {
  it('writes to the current path, clears dirty and the autosave', async () => {
    const { controller, dialogs, docPath, autosave } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    controller.setDirty(true);
    expect(windowTitle(controller.state)).toBe('• work.bpgraph — Backprop Studio');
    const text = await editedText('saved');
    await controller.autosave(text);
    expect(await autosave.read()).not.toBeNull();
    expect(await controller.save(text)).toEqual({ status: 'saved', name: 'work.bpgraph' });
    expect(await readFile(docPath, 'utf8')).toBe(text);
    expect(controller.state.dirty).toBe(false);
    expect(await autosave.read()).toBeNull();
  });

  it('stays dirty when the page edited the document while it was being saved', async () => {
    const { controller, dialogs, docPath } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    controller.setDirty(true);
    const saving = controller.save(await editedText('a'));
    controller.setDirty(true); // an edit lands during the write
    await saving;
    expect(controller.state.dirty).toBe(true);
  });

  it('refuses to write text that would not open again', async () => {
    const { controller, dialogs, docPath } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    const r = await controller.save('{"format":"backprop-studio-graph","version":1,"nodes":"oops","edges":[]}');
    expect(r.status).toBe('error');
    expect(await readFile(docPath, 'utf8')).toBe(await exampleText());
  });

  it('Save As adds the extension and moves the document to the new path', async () => {
    const { controller, dialogs, dir } = await setup();
    dialogs.savePaths.push(join(dir, 'copy'));
    expect(await controller.saveAs(await exampleText())).toEqual({ status: 'saved', name: 'copy.bpgraph' });
    expect(controller.state.path).toBe(join(dir, 'copy.bpgraph'));
    dialogs.savePaths.push(null);
    expect(await controller.saveAs(await exampleText())).toEqual({ status: 'cancelled' });
  });

  it('Save As to a place that cannot be written fails with a clear message and stays dirty (injected EACCES)', async () => {
    const { dialogs, dir, recent, autosave } = await setup();
    const denied = new DocumentController({
      dialogs, recent, autosave, examples: new Map(), documentsDir: dir, requestDocument: exampleText,
      writeFs: { ...nodeFs, open: async () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); } },
    });
    denied.setDirty(true);
    dialogs.savePaths.push('/locked/place/graph.bpgraph');
    const r = await denied.saveAs(await exampleText());
    expect(r).toEqual({ status: 'error', message: expect.stringMatching(/"graph.bpgraph".*\/locked\/place is not writable/) });
    expect(dialogs.errors).toEqual([r.status === 'error' ? r.message : '']);
    expect(denied.state).toMatchObject({ path: null, dirty: true });
  });

  it('saving a document opened through a symbolic link updates the real file and keeps the link', async () => {
    const { controller, dialogs, docPath, dir } = await setup();
    const viaLink = join(dir, 'shortcut.bpgraph');
    await symlink(docPath, viaLink);
    dialogs.openPaths.push(viaLink);
    await controller.open();
    const text = await editedText('through the link');
    expect(await controller.save(text)).toEqual({ status: 'saved', name: 'shortcut.bpgraph' });
    expect((await lstat(viaLink)).isSymbolicLink()).toBe(true);
    expect(await readFile(docPath, 'utf8')).toBe(text);
  });

  it('saving a file with another hard link updates both names', async () => {
    const { controller, dialogs, docPath, dir } = await setup();
    const otherName = join(dir, 'same-file.bpgraph');
    await link(docPath, otherName);
    dialogs.openPaths.push(docPath);
    await controller.open();
    const text = await editedText('both names');
    expect((await controller.save(text)).status).toBe('saved');
    expect(await readFile(otherName, 'utf8')).toBe(text);
    expect((await stat(docPath)).nlink).toBe(2);
  });

  it.runIf(process.platform !== 'win32')('refuses to overwrite a read-only file, names it, and stays dirty', async () => {
    const { controller, dialogs, docPath } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    await chmod(docPath, 0o444);
    controller.setDirty(true);
    const r = await controller.save(await editedText('must not land'));
    expect(r).toEqual({ status: 'error', message: `Could not save "work.bpgraph": the file is read-only. ${docPath} was not changed. Make it writable, or save under another name with Save As.` });
    expect(dialogs.errors).toEqual([r.status === 'error' ? r.message : '']);
    expect(await readFile(docPath, 'utf8')).toBe(await exampleText());
    expect(controller.state.dirty).toBe(true);
  });

  // A real read-only place: a chmod 555 folder, or /sys when running as root (root ignores modes).
  // Skipped where neither exists: Windows has no chmod 555 folders, and a root user elsewhere has no /sys.
  const root = process.getuid?.() === 0;
  it.skipIf(process.platform === 'win32' || (root && process.platform !== 'linux'))('Save As into a real read-only folder fails and keeps the document dirty', async () => {
    const { controller, dialogs, dir } = await setup();
    let folder = '/sys';
    if (!root) {
      folder = join(dir, 'readonly');
      await mkdir(folder);
      await chmod(folder, 0o555);
    }
    controller.setDirty(true);
    dialogs.savePaths.push(join(folder, 'graph.bpgraph'));
    const r = await controller.saveAs(await exampleText());
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.message).toMatch(/Could not save "graph.bpgraph": .*(not writable|read-only)/);
    expect(controller.state.dirty).toBe(true);
    await nodeFs.access(folder);
    if (!root) await chmod(folder, 0o755);
  });
});

describe('autosave and restore', () => {
  it('autosaves only while dirty', async () => {
    const { controller, autosave } = await setup();
    await controller.autosave(await exampleText());
    expect(await autosave.read()).toBeNull();
    controller.setDirty(true);
    await controller.autosave(await exampleText());
    expect(await autosave.read()).toMatchObject({ name: 'Untitled.bpgraph', sourcePath: null, savedAt: 1_700_000_000_000 });
  });

  it('refuses to keep text that is not a readable graph, like every other graph text', async () => {
    const { controller, autosave } = await setup();
    controller.setDirty(true);
    for (const text of ['not json', '{"format":"backprop-studio-graph","version":1,"nodes":"oops","edges":[]}']) {
      await expect(controller.autosave(text)).rejects.toThrow(/^autosave refused: "Untitled.bpgraph" could not be opened: /);
    }
    expect(await autosave.read()).toBeNull();
  });

  it('after a crash, the next start offers the autosave and restores it as unsaved work at its old path', async () => {
    const first = await setup();
    first.dialogs.openPaths.push(first.docPath);
    await first.controller.open();
    first.controller.setDirty(true);
    const text = await editedText('unsaved work');
    await first.controller.autosave(text);
    // "crash": no close, a new controller over the same data folder
    const dialogs = new ScriptedDialogs();
    dialogs.restoreAnswers.push(true);
    const next = new DocumentController({
      dialogs, recent: first.recent, autosave: first.autosave, examples: new Map(), documentsDir: first.dir, requestDocument: exampleText,
    });
    const r = await next.startup(examplePath);
    expect(dialogs.asked).toEqual(['restore:work.bpgraph']);
    expect(r).toEqual({ status: 'opened', text, name: 'work.bpgraph', restored: true });
    expect(next.state).toEqual({ path: first.docPath, name: 'work.bpgraph', dirty: true });
    expect(await next.startup(examplePath)).toBeNull(); // asked for once only
  });

  it('declining the restore discards the autosave and opens the command-line file', async () => {
    const { controller, autosave } = await setup();
    await autosave.write({ text: await exampleText(), name: 'lost.bpgraph', sourcePath: null, savedAt: 1 });
    const r = await controller.startup(examplePath);
    expect(r).toMatchObject({ status: 'opened', name: 'lecture-two-layer.bpgraph', restored: false });
    expect(await autosave.read()).toBeNull();
  });

  it('a clean close removes the autosave; Cancel keeps the window open', async () => {
    const { controller, autosave, dialogs } = await setup();
    controller.setDirty(true);
    await controller.autosave(await exampleText());
    dialogs.unsavedChoices.push('cancel');
    expect(await controller.confirmClose()).toBe(false);
    expect(await autosave.read()).not.toBeNull();
    dialogs.unsavedChoices.push('discard');
    expect(await controller.confirmClose()).toBe(true);
    expect(await autosave.read()).toBeNull();
  });

  it('an autosave written by another version is kept, and the user is told why it cannot be restored', async () => {
    const { controller, dialogs, dir } = await setup();
    const folder = join(dir, 'data', 'autosave');
    await mkdir(folder, { recursive: true });
    const fromNewer = JSON.stringify({ version: 2, document: { text: 'a newer layout' }, savedAt: 5 });
    await writeFile(join(folder, 'document.json'), fromNewer);
    expect(await controller.startup(null)).toBeNull();
    expect(dialogs.asked).toEqual([]); // nothing to restore, so no question
    expect(dialogs.errors).toHaveLength(1);
    const kept = /It was kept as (.+\.json)\./.exec(dialogs.errors[0]!)?.[1];
    expect(dialogs.errors[0]).toMatch(/^Unsaved work from the last session cannot be restored: it was written by another version of Backprop Studio \(autosave format 2; this one reads format 1\)\. It was kept as /);
    expect(await readFile(kept!, 'utf8')).toBe(fromNewer);
    // It is out of the way: the next autosave cannot overwrite it and the next start says nothing.
    controller.setDirty(true);
    await controller.autosave(await exampleText());
    expect(await readFile(kept!, 'utf8')).toBe(fromNewer);
    const againDialogs = new ScriptedDialogs();
    const later = new DocumentController({ dialogs: againDialogs, recent: createRecentFiles(dir), autosave: createAutosaveStore(join(dir, 'data')), examples: new Map(), documentsDir: dir, requestDocument: exampleText });
    await controller.clearAutosave();
    expect(await later.startup(null)).toBeNull();
    expect(againDialogs.errors).toEqual([]);
  });

  it('an autosaved graph from a newer version is kept as a .bpgraph file the newer version can open', async () => {
    const { controller, dialogs, autosave } = await setup();
    const newer = JSON.stringify({ ...JSON.parse(await exampleText()), version: 9 });
    await autosave.write({ text: newer, name: 'work.bpgraph', sourcePath: null, savedAt: 1 });
    expect(await controller.startup(null)).toBeNull();
    expect(dialogs.errors[0]).toMatch(/^Unsaved work from the last session cannot be restored: "work.bpgraph" could not be opened: the file is version 9, made by a newer Backprop Studio/);
    const kept = /It was kept as (.+\.bpgraph)\./.exec(dialogs.errors[0]!)?.[1];
    expect(kept).toMatch(/work\.bpgraph$/);
    expect(await readFile(kept!, 'utf8')).toBe(newer);
    expect(await autosave.read()).toBeNull();
  });

  it('a damaged autosave is kept aside and reported, not offered', async () => {
    const { controller, dialogs, dir } = await setup();
    await mkdir(join(dir, 'data', 'autosave'), { recursive: true });
    await writeFile(join(dir, 'data', 'autosave', 'document.json'), '{"version":1,"text":');
    expect(await controller.startup(null)).toBeNull();
    expect(dialogs.asked).toEqual([]);
    expect(dialogs.errors[0]).toMatch(/cannot be restored: it is damaged \(not valid JSON\)\. It was kept as /);
  });

  it('New asks about unsaved changes and resets to an untitled document', async () => {
    const { controller, dialogs, docPath } = await setup();
    dialogs.openPaths.push(docPath);
    await controller.open();
    controller.setDirty(true);
    dialogs.unsavedChoices.push('cancel', 'discard');
    expect(await controller.newDocument()).toEqual({ proceed: false });
    expect(await controller.newDocument()).toEqual({ proceed: true });
    expect(controller.state).toEqual({ path: null, name: 'Untitled.bpgraph', dirty: false });
  });
});

describe('describeWriteError', () => {
  it('names the file, the folder and what to do for a permission error', () => {
    const msg = describeWriteError('/srv/ro/graph.bpgraph', Object.assign(new Error('x'), { code: 'EACCES' }));
    expect(msg).toContain('"graph.bpgraph"');
    expect(msg).toContain('/srv/ro');
    expect(msg).toMatch(/not writable.*Save As/);
  });

  it('says the disk is full for ENOSPC and read-only for EROFS', () => {
    expect(describeWriteError('/a/b.bpgraph', { code: 'ENOSPC' })).toMatch(/disk is full/);
    expect(describeWriteError('/a/b.bpgraph', { code: 'EROFS' })).toMatch(/read-only disk/);
  });
});

describe('documentFileName', () => {
  it('turns a title into a file name a person would choose: separators spaced, forbidden characters dashed', () => {
    expect(documentFileName('Lecture: two sigmoid layers')).toBe('Lecture - two sigmoid layers.bpgraph');
    expect(documentFileName('a/b:c')).toBe('a-b-c.bpgraph');
    expect(documentFileName('  xor.bpgraph ')).toBe('xor.bpgraph');
    expect(documentFileName('\u0000\u0001')).toBe('-.bpgraph');
    expect(documentFileName('   ')).toBe('Untitled.bpgraph');
  });
});
