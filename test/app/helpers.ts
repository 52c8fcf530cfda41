// Shared test scaffolding: real temporary folders, the lecture example, scripted dialogs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { DialogPort, UnsavedChoice } from '../../app/main/document.ts';

export const examplePath = join(import.meta.dirname, '..', '..', 'examples', 'lecture-two-layer.bpgraph');
export const exampleText = (): Promise<string> => readFile(examplePath, 'utf8');

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh folder under the system temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bps-app-'));
  made.push(dir);
  return dir;
}

/** Dialogs that answer from queues and record what was shown. */
export class ScriptedDialogs implements DialogPort {
  openPaths: (string | null)[] = [];
  savePaths: (string | null)[] = [];
  unsavedChoices: UnsavedChoice[] = [];
  restoreAnswers: boolean[] = [];
  readonly errors: string[] = [];
  readonly asked: string[] = [];
  readonly saveDefaults: string[] = [];

  async chooseOpenPath() { this.asked.push('open'); return this.openPaths.shift() ?? null; }
  async chooseSavePath(defaultPath: string) { this.asked.push('save'); this.saveDefaults.push(defaultPath); return this.savePaths.shift() ?? null; }
  async askUnsaved(name: string) { this.asked.push(`unsaved:${name}`); return this.unsavedChoices.shift() ?? 'cancel'; }
  async askRestore(name: string) { this.asked.push(`restore:${name}`); return this.restoreAnswers.shift() ?? false; }
  async showError(message: string) { this.errors.push(message); }
}
