// The DOM side of browser mode: pickers, downloads, dialogs. Thin on purpose; the decisions are in
// browser-files.ts. Uses the File System Access API where the browser has it (Chromium).
import type { BrowserFileDeps, PickedFile, WritableFile } from './browser-files.ts';
import type { RestoreChoice, RestoreOffer } from './crash-copies.ts';
import type { FileLike } from './types.ts';
import { createIndexedDbStore } from './indexeddb-store.ts';
import { createWebLocks } from './tab-locks.ts';

interface FsFileHandle {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
interface FsAccessWindow {
  showOpenFilePicker?: (options: unknown) => Promise<FsFileHandle[]>;
  showSaveFilePicker?: (options: unknown) => Promise<FsFileHandle>;
}

const pickerTypes = [{ description: 'Backprop Studio graph', accept: { 'application/json': ['.bpgraph'] } }];

function writableOf(handle: FsFileHandle): WritableFile {
  return {
    name: handle.name,
    async write(text) {
      // createWritable writes to a swap file and replaces the target on close(): atomic.
      const w = await handle.createWritable();
      await w.write(text);
      await w.close();
    },
  };
}

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

function pickWithInput(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.bpgraph,application/json';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** File → Import ONNX…: the page's file input for a .onnx model (desktop too: no path reaches the page). */
export function pickModelFile(): Promise<FileLike | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.onnx';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

export function defaultBrowserDeps(win: Window & FsAccessWindow = window as Window & FsAccessWindow): BrowserFileDeps {
  const openPicker = win.showOpenFilePicker?.bind(win);
  const savePicker = win.showSaveFilePicker?.bind(win);
  return {
    store: createIndexedDbStore(),
    locks: createWebLocks(win.navigator?.locks),
    chooseRestore: async (offers) => confirmEach(offers, (m) => win.confirm(m)),
    async pickFile() {
      if (!openPicker) return pickWithInput();
      try {
        const [handle] = await openPicker({ types: pickerTypes, multiple: false });
        if (!handle) return null;
        const file = await handle.getFile();
        return { name: file.name, size: file.size, arrayBuffer: () => file.arrayBuffer(), writable: writableOf(handle) };
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
    },
    ...(savePicker ? {
      pickSaveTarget: async (suggestedName: string) => {
        try {
          return writableOf(await savePicker({ suggestedName, types: pickerTypes }));
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      },
    } : {}),
    download(name, content, type = 'application/json') {
      const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    confirm: (message) => win.confirm(message),
    notify: (message) => win.alert(message),
  };
}

/** Without the files UI's banner: confirm() for the newest copy that can be restored; the rest wait. */
export function confirmEach(offers: readonly RestoreOffer[], confirm: (message: string) => boolean): RestoreChoice {
  const copy = offers.findLast((o) => o.problem === null);
  if (copy === undefined) return { action: 'later' };
  const when = copy.savedAt === null ? '' : ` from ${new Date(copy.savedAt).toLocaleString()}`;
  return confirm(`Unsaved changes to "${copy.name}"${when} were kept. Restore them?`) ? { action: 'restore', key: copy.key } : { action: 'later' };
}

/** Asks the browser to warn before leaving while isDirty() is true; returns the remover. */
export function installUnloadGuard(isDirty: () => boolean, win: Window = window): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (isDirty()) event.preventDefault();
  };
  win.addEventListener('beforeunload', onBeforeUnload);
  return () => win.removeEventListener('beforeunload', onBeforeUnload);
}
