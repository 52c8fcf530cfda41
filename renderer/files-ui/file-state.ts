// What the UI knows about the document *as a file*: its name, the graph last opened or saved
// (dirty = the document's graph is another object; graphs are immutable snapshots), the last file
// error, a short status message and the two questions the browser asks (restore, unsaved changes).
import { create } from 'zustand';
import type { Graph } from '../../engine/index.ts';
import type { RestoreChoice, RestoreOffer } from '../persistence/crash-copies.ts';

export const APP_NAME = 'Backprop Studio';
export const UNTITLED_NAME = 'Untitled.bpgraph';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Crash copies of tabs that closed with unsaved work, offered once at start-up. */
export interface RestoreQuestion { readonly offers: readonly RestoreOffer[]; answer(choice: RestoreChoice): void }
export interface UnsavedQuestion { readonly name: string; answer(choice: UnsavedChoice): void }

export interface FileState {
  name: string;
  /** The graph object last opened or saved; null when no saved copy matches (restored work). */
  saved: Graph | null;
  error: string | null;
  status: string | null;
  /** A file being read and checked: its name and the share done, in whole percent. */
  opening: { readonly name: string; readonly percent: number } | null;
  restore: RestoreQuestion | null;
  unsaved: UnsavedQuestion | null;
  /** A file is being dragged over the window. */
  dropActive: boolean;
  /** The open dialog of File → Export figure…, Copy link or Open link…. */
  dialog: FileDialog | null;
}

export type FileDialog = 'figure' | 'link' | 'open-link';

export function openFileDialog(dialog: FileDialog | null): void {
  useFileState.setState({ dialog });
}

/** Dirty when the document is not the very graph object that was last opened or saved. */
export function isDirty(graph: Graph, saved: Graph | null): boolean {
  return graph !== saved;
}

/** "• name.bpgraph — Backprop Studio" while dirty, without the dot when clean. */
export function documentTitle(name: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${name} — ${APP_NAME}`;
}

/** True when a drag carries files from the operating system (not a palette item or text). */
export function carriesFiles(types: ArrayLike<string> | null | undefined): boolean {
  if (!types) return false;
  return Array.from(types).includes('Files');
}

export const initialFileState = (): FileState => ({
  name: UNTITLED_NAME, saved: null, error: null, status: null, opening: null, restore: null, unsaved: null, dropActive: false, dialog: null,
});

export const useFileState = create<FileState>()(() => initialFileState());

/** Records that `graph` is what the file called `name` holds now. */
export function markClean(name: string, graph: Graph): void {
  useFileState.setState({ name, saved: graph });
}

/** A document that no file holds yet (an imported model): dirty until it is saved. */
export function markUnsaved(name: string): void {
  useFileState.setState({ name, saved: null });
}

/** Unsaved work brought back: dirty until the next save, whatever the graph. */
export function markRestored(name: string): void {
  useFileState.setState({ name, saved: null });
}

export function showError(message: string): void {
  useFileState.setState({ error: message });
}

export function dismissError(): void {
  useFileState.setState({ error: null });
}

/** The open progress the persistence layer reports (null: done); a change of less than a percent is not news. */
export function showOpening(name: string, fraction: number | null): void {
  const opening = fraction === null ? null : { name, percent: Math.floor(fraction * 100) };
  const now = useFileState.getState().opening;
  if (now?.name !== opening?.name || now?.percent !== opening?.percent) useFileState.setState({ opening });
}

export function showStatus(message: string | null): void {
  useFileState.setState({ status: message });
}
