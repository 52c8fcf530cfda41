// Scaffolding for browser-mode tests: an in-memory store, scripted pickers and dialogs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import type { BrowserFileDeps, PickedFile, WritableFile } from '../../../renderer/persistence/browser-files.ts';
import type { RestoreChoice, RestoreOffer } from '../../../renderer/persistence/crash-copies.ts';
import { createMemoryStore, type KeyValueStore } from '../../../renderer/persistence/key-value.ts';
import { createMemoryLocks } from '../../../renderer/persistence/tab-locks.ts';

export const exampleText = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'lecture-two-layer.bpgraph'), 'utf8');
export const exampleGraph = (): Graph => parseGraphFile(exampleText);

export function fileOf(name: string, text: string, writable?: WritableFile): PickedFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer, ...(writable ? { writable } : {}) };
}

export class MemoryWritable implements WritableFile {
  readonly writes: string[] = [];
  constructor(readonly name: string, private readonly failWith?: Error) {}
  async write(text: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.writes.push(text);
  }
}

/** One browser profile: the IndexedDB store and the Web Locks every tab of it shares. */
export interface Profile { readonly store: KeyValueStore & { readonly entries: Map<string, unknown> }; readonly locks: ReturnType<typeof createMemoryLocks> }

export const newProfile = (): Profile => ({ store: createMemoryStore(), locks: createMemoryLocks() });

/** The deps of one tab (in `profile`, a fresh one by default) with scripted pickers and questions. */
export function browserDeps(over: Partial<BrowserFileDeps> = {}, profile: Profile = newProfile()) {
  const { store } = profile;
  const tab = profile.locks.tab();
  const picks: (PickedFile | null)[] = [];
  const confirms: boolean[] = [];
  const notified: string[] = [];
  /** Downloads: text as `text`; bytes (an ONNX model) as `bytes`, with `text` empty. */
  const downloads: { name: string; text: string; bytes?: Uint8Array; type?: string }[] = [];
  const asked: string[] = [];
  /** What the restore banner was shown each time, and the answers it gives (default: later). */
  const offered: (readonly RestoreOffer[])[] = [];
  const restoreChoices: RestoreChoice[] = [];
  const deps: BrowserFileDeps = {
    store,
    locks: tab,
    pickFile: async () => picks.shift() ?? null,
    download: (name, content, type) => downloads.push({ name, ...(typeof content === 'string' ? { text: content } : { text: '', bytes: content }), ...(type ? { type } : {}) }),
    confirm: (message) => { asked.push(message); return confirms.shift() ?? false; },
    chooseRestore: async (offers) => { offered.push(offers); return restoreChoices.shift() ?? { action: 'later' }; },
    notify: (message) => notified.push(message),
    now: () => 1_700_000_000_000,
    ...over,
  };
  return { deps, store, tab, profile, picks, confirms, notified, downloads, asked, offered, restoreChoices };
}
