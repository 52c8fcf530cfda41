// Scaffolding for browser-mode tests: an in-memory store, scripted pickers and dialogs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import type { BrowserFileDeps, PickedFile, WritableFile } from '../../../renderer/persistence/browser-files.ts';
import { createMemoryStore } from '../../../renderer/persistence/key-value.ts';

export const exampleText = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'lecture-two-layer.bpgraph'), 'utf8');
export const exampleGraph = (): Graph => parseGraphFile(exampleText);

export function fileOf(name: string, text: string, writable?: WritableFile): PickedFile {
  return { name, size: new TextEncoder().encode(text).length, text: async () => text, ...(writable ? { writable } : {}) };
}

export class MemoryWritable implements WritableFile {
  readonly writes: string[] = [];
  constructor(readonly name: string, private readonly failWith?: Error) {}
  async write(text: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.writes.push(text);
  }
}

export function browserDeps(over: Partial<BrowserFileDeps> = {}) {
  const store = createMemoryStore();
  const picks: (PickedFile | null)[] = [];
  const confirms: boolean[] = [];
  const notified: string[] = [];
  const downloads: { name: string; text: string }[] = [];
  const asked: string[] = [];
  const deps: BrowserFileDeps = {
    store,
    pickFile: async () => picks.shift() ?? null,
    download: (name, text) => downloads.push({ name, text }),
    confirm: (message) => { asked.push(message); return confirms.shift() ?? false; },
    notify: (message) => notified.push(message),
    now: () => 1_700_000_000_000,
    ...over,
  };
  return { deps, store, picks, confirms, notified, downloads, asked };
}
