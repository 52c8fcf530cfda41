// One interface for document files in both modes: desktop (through the preload API) and browser
// (file picker, downloads or the File System Access API, IndexedDB autosave). React-free.
import type { Graph } from '../../engine/index.ts';
import type { ExportContent, FileFormat } from '../../interop/index.ts';

/** Every error result has already been shown to the user (native dialog / notify); keep the document as it was. */
export type OpenResult =
  | { readonly status: 'opened'; readonly graph: Graph; readonly name: string; readonly restored: boolean }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

export type SaveResult =
  | { readonly status: 'saved'; readonly name: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

export interface RecentEntry {
  readonly id: string;
  readonly name: string;
  readonly folder: string;
}

/** What a drop event or file input yields (a DOM File fits). */
export interface FileLike {
  readonly name: string;
  readonly size: number;
  /** The bytes, undecoded: the engine's reader decides the encoding (UTF-8 only), as for the CLI and desktop. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** A browser File's slices, read one task each with progress (chunked-read.ts). */
  slice?(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface DocumentFiles {
  readonly mode: 'desktop' | 'browser';
  /**
   * Once at start: unsaved work from a crashed session (the user is asked first), else the file
   * given on the command line (desktop), else null — then show the default document.
   */
  startup(): Promise<OpenResult | null>;
  /** Asks about unsaved changes; false when the user cancelled. On true, show an empty document. */
  newDocument(): Promise<boolean>;
  /** Asks about unsaved changes, then the picker; validates. */
  open(): Promise<OpenResult>;
  openDropped(file: FileLike): Promise<OpenResult>;
  openRecent(id: string): Promise<OpenResult>;
  recentFiles(): Promise<RecentEntry[]>;
  /** A bundled example, opened as an untitled copy. */
  openExample(id: string): Promise<OpenResult>;
  /** Writes to the current file (Save As if there is none yet). */
  save(graph: Graph): Promise<SaveResult>;
  saveAs(graph: Graph): Promise<SaveResult>;
  /** File → Export: `content` (text or bytes) as a file named after `suggestedName` (browser: a download; desktop: main's save dialog). */
  exportFile(format: FileFormat, suggestedName: string, content: ExportContent): Promise<SaveResult>;
  /** Call on every edit (true) — the title marker, close prompts and autosave depend on it. */
  setDirty(dirty: boolean): void;
  /** Keeps a crash copy of the document while it is dirty (no-op when clean). */
  autosave(graph: Graph): Promise<void>;
  clearAutosave(): Promise<void>;
  /** How to get the current graph when the shell must save on its own (desktop close/quit). */
  provideDocument(get: () => Graph): () => void;
}
