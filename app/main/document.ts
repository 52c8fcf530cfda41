// The open document as main sees it: where it lives, its name, whether it has unsaved changes.
// Main owns dialogs and paths; the page hands over document text and gets text back.
import { basename, extname, join } from 'node:path';
import { keptCopyOf, writeFailureReason, writeFileAtomic, type WriteFs } from '../../node-io/atomic-write.ts';
import type { OpenReply, SaveReply } from '../common/ipc-contract.ts';
import { cannotOpen, documentFileName, readGraphText } from '../common/graph-document.ts';
import { isUnreadable, type AutosaveEntry, type AutosaveStore } from './autosave.ts';
import { DOCUMENT_EXTENSION, readGraphFromDisk, type ReadFs } from './graph-files.ts';
import type { RecentFiles } from './recent-files.ts';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Native dialogs, reduced to what the document needs (electron's dialog in the app, fakes in tests). */
export interface DialogPort {
  chooseOpenPath(): Promise<string | null>;
  chooseSavePath(defaultPath: string): Promise<string | null>;
  askUnsaved(name: string): Promise<UnsavedChoice>;
  askRestore(name: string, savedAt: number): Promise<boolean>;
  showError(message: string): Promise<void>;
}

export interface DocumentState {
  readonly path: string | null;
  readonly name: string;
  readonly dirty: boolean;
}

export interface DocumentDeps {
  dialogs: DialogPort;
  recent: RecentFiles;
  autosave: AutosaveStore;
  /** Bundled examples by id. */
  examples: ReadonlyMap<string, string>;
  documentsDir: string;
  /** Pulls the current document text from the page (for Save on close/quit/open). */
  requestDocument(): Promise<string>;
  onStateChange?(state: DocumentState): void;
  onOpenedPath?(path: string): void;
  writeFs?: WriteFs;
  readFs?: ReadFs;
  now?(): number;
}

export const UNTITLED = 'Untitled.bpgraph';

export class DocumentController {
  #state: DocumentState = { path: null, name: UNTITLED, dirty: false };
  /** Bumped by every setDirty(true), so edits made while a save runs keep the document dirty. */
  #edits = 0;
  #startupTaken = false;

  constructor(private readonly deps: DocumentDeps) {}

  get state(): DocumentState {
    return this.#state;
  }

  #set(next: Partial<DocumentState>): void {
    this.#state = { ...this.#state, ...next };
    this.deps.onStateChange?.(this.#state);
  }

  setDirty(dirty: boolean): void {
    if (dirty) this.#edits++;
    if (dirty !== this.#state.dirty) this.#set({ dirty });
  }

  /** Save / Don't save / Cancel when there are unsaved changes; true when it is fine to go on. */
  async confirmDiscard(): Promise<boolean> {
    if (!this.#state.dirty) return true;
    const choice = await this.deps.dialogs.askUnsaved(this.#state.name);
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    let text: string;
    try {
      text = await this.deps.requestDocument();
    } catch (e) {
      await this.deps.dialogs.showError(`Could not save "${this.#state.name}": ${(e as Error).message}`);
      return false;
    }
    return (await this.save(text)).status === 'saved';
  }

  /** Close or quit: after a yes, the autosave is no longer needed. */
  async confirmClose(): Promise<boolean> {
    const ok = await this.confirmDiscard();
    if (ok) await this.deps.autosave.clear();
    return ok;
  }

  async open(): Promise<OpenReply> {
    if (!(await this.confirmDiscard())) return { status: 'cancelled' };
    const path = await this.deps.dialogs.chooseOpenPath();
    if (path === null) return { status: 'cancelled' };
    return this.#openPath(path);
  }

  /** A file dropped on the window (its path comes from the preload's webUtils, never from page code). */
  async openDropped(path: string): Promise<OpenReply> {
    if (extname(path).toLowerCase() !== DOCUMENT_EXTENSION) {
      return this.#fail(cannotOpen(basename(path), `only ${DOCUMENT_EXTENSION} files can be opened`));
    }
    if (!(await this.confirmDiscard())) return { status: 'cancelled' };
    return this.#openPath(path);
  }

  async openRecent(id: string): Promise<OpenReply> {
    const path = await this.deps.recent.pathOf(id);
    if (path === null) return this.#fail('That file is no longer in the recent list: it was moved or deleted.');
    if (!(await this.confirmDiscard())) return { status: 'cancelled' };
    return this.#openPath(path);
  }

  /** Opens a file given on the command line or by the OS (second instance, macOS open-file). */
  async openFromSystem(path: string): Promise<OpenReply> {
    if (!(await this.confirmDiscard())) return { status: 'cancelled' };
    return this.#openPath(path);
  }

  /** Examples open as untitled copies, so Save never writes into the app's own files. */
  async openExample(id: string): Promise<OpenReply> {
    const path = this.deps.examples.get(id);
    if (path === undefined) return this.#fail(`There is no example called "${id}".`);
    if (!(await this.confirmDiscard())) return { status: 'cancelled' };
    const read = await readGraphFromDisk(path, this.deps.readFs);
    if (!read.ok) return this.#fail(read.message);
    await this.deps.autosave.clear();
    this.#set({ path: null, name: read.name, dirty: false });
    return { status: 'opened', text: read.text, name: read.name, restored: false };
  }

  /**
   * What the page shows first, asked for once: restored unsaved work if the last run crashed and
   * the user wants it back, else the file from the command line, else nothing (null).
   */
  async startup(commandLinePath: string | null): Promise<OpenReply | null> {
    if (this.#startupTaken) return null;
    this.#startupTaken = true;
    const found = await this.deps.autosave.read();
    if (found !== null && isUnreadable(found)) {
      await this.#keepUnrestorable(found.problem);
    } else if (found !== null) {
      const read = readGraphText(found.text, found.name);
      if (!read.ok) {
        await this.#keepUnrestorable(read.message, found);
      } else if (await this.deps.dialogs.askRestore(found.name, found.savedAt)) {
        this.#set({ path: found.sourcePath, name: found.name, dirty: true });
        this.#edits++;
        return { status: 'opened', text: found.text, name: found.name, restored: true };
      } else {
        await this.deps.autosave.clear();
      }
    }
    return commandLinePath === null ? null : this.#openPath(commandLinePath);
  }

  /** Unsaved work this version cannot open is never deleted: moved aside, and the user told why and where. */
  async #keepUnrestorable(problem: string, entry?: AutosaveEntry): Promise<void> {
    let where: string;
    try {
      where = `It was kept as ${await this.deps.autosave.setAside(entry)}.`;
    } catch (e) {
      where = `It was left in the app's data folder (moving it aside failed: ${(e as Error).message}).`;
    }
    await this.deps.dialogs.showError(`Unsaved work from the last session cannot be restored: ${problem}. ${where}`);
  }

  async newDocument(): Promise<{ proceed: boolean }> {
    if (!(await this.confirmDiscard())) return { proceed: false };
    await this.deps.autosave.clear();
    this.#set({ path: null, name: UNTITLED, dirty: false });
    return { proceed: true };
  }

  async save(text: string): Promise<SaveReply> {
    if (this.#state.path === null) return this.saveAs(text);
    return this.#writeTo(this.#state.path, text);
  }

  async saveAs(text: string): Promise<SaveReply> {
    const suggested = this.#state.path ?? join(this.deps.documentsDir, documentFileName(this.#state.name));
    const chosen = await this.deps.dialogs.chooseSavePath(suggested);
    if (chosen === null) return { status: 'cancelled' };
    const path = extname(chosen) === '' ? `${chosen}${DOCUMENT_EXTENSION}` : chosen;
    return this.#writeTo(path, text);
  }

  async autosave(text: string): Promise<void> {
    if (!this.#state.dirty) return;
    // The page's text is checked like every other graph text: a copy that would not open is no copy.
    const check = readGraphText(text, this.#state.name);
    if (!check.ok) throw new Error(`autosave refused: ${check.message}`);
    await this.deps.autosave.write({ text, name: this.#state.name, sourcePath: this.#state.path, savedAt: this.deps.now?.() ?? Date.now() });
  }

  async clearAutosave(): Promise<void> {
    await this.deps.autosave.clear();
  }

  async #openPath(path: string): Promise<OpenReply> {
    const read = await readGraphFromDisk(path, this.deps.readFs);
    if (!read.ok) return this.#fail(read.message);
    await this.deps.autosave.clear();
    this.#set({ path, name: read.name, dirty: false });
    await this.deps.recent.add(path);
    this.deps.onOpenedPath?.(path);
    return { status: 'opened', text: read.text, name: read.name, restored: false };
  }

  async #writeTo(path: string, text: string): Promise<SaveReply> {
    // Never write something that would not open again.
    const check = readGraphText(text, basename(path));
    if (!check.ok) return this.#failSave(`Could not save "${basename(path)}": the document is not a valid graph (${check.message}).`);
    const editsBefore = this.#edits;
    try {
      await writeFileAtomic(path, text, this.deps.writeFs ? { fs: this.deps.writeFs } : {});
    } catch (e) {
      return this.#failSave(describeWriteError(path, e));
    }
    const editedMeanwhile = this.#edits !== editsBefore;
    this.#set({ path, name: basename(path), dirty: editedMeanwhile });
    if (!editedMeanwhile) await this.deps.autosave.clear();
    await this.deps.recent.add(path);
    this.deps.onOpenedPath?.(path);
    return { status: 'saved', name: basename(path) };
  }

  async #fail(message: string): Promise<OpenReply> {
    await this.deps.dialogs.showError(message);
    return { status: 'error', message };
  }

  async #failSave(message: string): Promise<SaveReply> {
    await this.deps.dialogs.showError(message);
    return { status: 'error', message };
  }
}

/** A message naming the file, what the system said and what to do, for a save that failed. */
export function describeWriteError(target: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const kept = keptCopyOf(e);
  const advice = kept !== null ? ` The complete new version is in ${kept}.`
    : code === 'EREADONLY' ? ` ${target} was not changed. Make it writable, or save under another name with Save As.`
    : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? ' Choose another place with Save As.' : '';
  return `Could not save "${basename(target)}": ${writeFailureReason(target, e)}.${advice}`;
}

/** "• name — Backprop Studio" while dirty. */
export function windowTitle(state: DocumentState): string {
  return `${state.dirty ? '• ' : ''}${state.name} — Backprop Studio`;
}
