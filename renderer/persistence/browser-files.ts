// Browser mode: open through a file picker or a drop, save through the File System Access API
// where the browser has it (else as a download), autosave into a key-value store (IndexedDB), one
// crash copy per tab (crash-copies.ts). Same checks and messages as desktop mode
// (app/common/graph-document.ts).
import { GraphTextCache, MAX_FILE_BYTES, serializeGraph, type Graph } from '../../engine/index.ts';
import { cannotOpen, documentFileName, readGraphText, tooLargeReason } from '../../app/common/graph-document.ts';
import { exportFileName, fileFormats } from '../../interop/index.ts';
import { CrashCopies, type AutosaveRecord, type RestoreChoice, type RestoreOffer } from './crash-copies.ts';
import type { KeyValueStore } from './key-value.ts';
import type { TabLocks } from './tab-locks.ts';
import { nextTask, READ_SHARE, readInChunks } from './chunked-read.ts';
import { readOffThread, type GraphRead } from './file-reading.ts';
import type { DocumentFiles, FileLike, OpenResult, SaveResult } from './types.ts';

/** A file we may write again (File System Access API handle, reduced). */
export interface WritableFile {
  readonly name: string;
  write(text: string): Promise<void>;
}

export interface PickedFile extends FileLike {
  /** Present when the picker can give write access back (File System Access API). */
  readonly writable?: WritableFile;
}

export interface BrowserFileDeps {
  store: KeyValueStore;
  /** Tells open tabs from closed ones (Web Locks), so a tab offers only orphaned crash copies. */
  locks: TabLocks;
  /**
   * At start-up, when tabs closed with unsaved work: lists their copies and resolves to what the
   * user picked. Asked again after each discard while copies remain.
   */
  chooseRestore(offers: readonly RestoreOffer[]): Promise<RestoreChoice>;
  /** The id of this tab's crash copy (crypto.randomUUID by default). */
  newCopyId?: () => string;
  /** Shows an open picker; null when the user cancelled. */
  pickFile(): Promise<PickedFile | null>;
  /** A save picker (File System Access API), absent where the browser has none. */
  pickSaveTarget?: (suggestedName: string) => Promise<WritableFile | null>;
  /** Offers the text or bytes as a download called name (of MIME type `type`, JSON by default). */
  download(name: string, content: string | Uint8Array, type?: string): void;
  confirm(message: string): boolean | Promise<boolean>;
  /** Shows an error to the user (window.alert, or a nicer toast the UI supplies). */
  notify(message: string): void;
  /** While a file opens: the share done (0–1), then null once it is read and checked (or failed). */
  progress?(name: string, fraction: number | null): void;
  /** Reads a picked or dropped file's bytes into a graph (readOffThread: in a worker where there are Workers). */
  readBytes?: (bytes: Uint8Array, fileName: string) => Promise<GraphRead>;
  /** Bundled examples by id, loading their text (e.g. from import.meta.glob). */
  examples?: Readonly<Record<string, () => Promise<string>>>;
  now?: () => number;
}

export const UNTITLED = 'Untitled.bpgraph';

export function createBrowserFiles(deps: BrowserFileDeps): DocumentFiles & { readonly documentName: () => string; readonly isDirty: () => boolean } {
  let name = UNTITLED;
  let target: WritableFile | null = null;
  let dirty = false;
  let edits = 0;
  const copies = new CrashCopies(deps.store, deps.locks, deps.newCopyId);
  // Documents are immutable snapshots, so an autosave re-writes only the elements an edit replaced.
  const texts = new GraphTextCache();
  const textOf = (graph: Graph): string => serializeGraph(graph, texts);

  const fail = (message: string): { status: 'error'; message: string } => {
    deps.notify(message);
    return { status: 'error', message };
  };

  async function confirmDiscard(): Promise<boolean> {
    if (!dirty) return true;
    return deps.confirm(`"${name}" has unsaved changes. Discard them?`);
  }

  function adopt(graph: Graph, newName: string, newTarget: WritableFile | null, restored: boolean): OpenResult {
    name = newName;
    target = newTarget;
    dirty = restored;
    return { status: 'opened', graph, name: newName, restored };
  }

  async function readPicked(file: FileLike, writable: WritableFile | null): Promise<OpenResult> {
    if (file.size > MAX_FILE_BYTES) return fail(cannotOpen(file.name, tooLargeReason(file.size)));
    let bytes: Uint8Array;
    try {
      bytes = await readInChunks(file, (f) => deps.progress?.(file.name, f * READ_SHARE));
      deps.progress?.(file.name, READ_SHARE);
      await nextTask();
    } catch (e) {
      deps.progress?.(file.name, null);
      return fail(cannotOpen(file.name, (e as Error).message));
    }
    // The parse and the check run in a worker: at 10,000 nodes they would be one 0.4 s task here.
    const read = await (deps.readBytes ?? readOffThread)(bytes, file.name);
    deps.progress?.(file.name, null);
    if (!read.ok) return fail(read.message);
    await copies.forget();
    return adopt(read.graph, file.name, writable, false);
  }

  async function writeTo(file: WritableFile, text: string): Promise<SaveResult> {
    const editsBefore = edits;
    try {
      await file.write(text);
    } catch (e) {
      return fail(`Could not save "${file.name}": ${(e as Error).message}`);
    }
    return saved(file.name, file, editsBefore);
  }

  async function saved(newName: string, newTarget: WritableFile | null, editsBefore: number): Promise<SaveResult> {
    name = newName;
    target = newTarget;
    dirty = edits !== editsBefore;
    if (!dirty) await copies.forget();
    return { status: 'saved', name: newName };
  }

  async function saveAs(graph: Graph): Promise<SaveResult> {
    const text = textOf(graph);
    const suggested = documentFileName(name);
    if (deps.pickSaveTarget) {
      let chosen: WritableFile | null;
      try {
        chosen = await deps.pickSaveTarget(suggested);
      } catch (e) {
        return fail(`Could not save "${suggested}": ${(e as Error).message}`);
      }
      return chosen === null ? { status: 'cancelled' } : writeTo(chosen, text);
    }
    const editsBefore = edits;
    deps.download(suggested, text);
    return saved(suggested, null, editsBefore);
  }

  return {
    mode: 'browser',
    documentName: () => name,
    isDirty: () => dirty,
    async startup() {
      const orphans = await copies.claimOrphans();
      try {
        while (orphans.length > 0) {
          const choice = await deps.chooseRestore(orphans.map((o) => o.offer));
          const copy = choice.action === 'later' ? undefined : orphans.find((o) => o.offer.key === choice.key);
          if (choice.action === 'later' || copy === undefined) return null;
          if (choice.action === 'discard') {
            orphans.splice(orphans.indexOf(copy), 1);
            await copies.discard(copy);
          } else if (copy.graph !== null) {
            orphans.splice(orphans.indexOf(copy), 1);
            await copies.adopt(copy);
            edits++;
            return adopt(copy.graph, copy.offer.name, null, true);
          }
        }
        return null;
      } finally {
        // Copies not taken stay for the next tab to offer.
        for (const o of orphans) o.release();
      }
    },
    async newDocument() {
      if (!(await confirmDiscard())) return false;
      await copies.forget();
      name = UNTITLED;
      target = null;
      dirty = false;
      return true;
    },
    async open() {
      if (!(await confirmDiscard())) return { status: 'cancelled' };
      const picked = await deps.pickFile();
      return picked === null ? { status: 'cancelled' } : readPicked(picked, picked.writable ?? null);
    },
    async openDropped(file) {
      if (!file.name.toLowerCase().endsWith('.bpgraph')) return fail(cannotOpen(file.name, 'only .bpgraph files can be opened'));
      if (!(await confirmDiscard())) return { status: 'cancelled' };
      return readPicked(file, null);
    },
    openRecent: async () => fail('Recent files are kept by the desktop app only.'),
    recentFiles: async () => [],
    async openExample(id) {
      const load = deps.examples?.[id];
      if (load === undefined) return fail(`There is no example called "${id}".`);
      if (!(await confirmDiscard())) return { status: 'cancelled' };
      const fileName = `${id}.bpgraph`;
      const read = readGraphText(await load(), fileName);
      if (!read.ok) return fail(read.message);
      await copies.forget();
      return adopt(read.graph, fileName, null, false);
    },
    save: (graph) => (target === null ? saveAs(graph) : writeTo(target, textOf(graph))),
    saveAs,
    async exportFile(format, suggestedName, content) {
      const fileName = exportFileName(suggestedName, format);
      deps.download(fileName, content, fileFormats[format].mime);
      return { status: 'saved', name: fileName };
    },
    setDirty(value) {
      if (value) edits++;
      dirty = value;
    },
    async autosave(graph) {
      if (!dirty) return;
      const record: AutosaveRecord = { text: textOf(graph), name, savedAt: deps.now?.() ?? Date.now() };
      await copies.keep(record);
    },
    clearAutosave: () => copies.forget(),
    // The page's beforeunload guard covers browser close; nothing here needs to pull the graph.
    provideDocument: () => () => undefined,
  };
}
