// Autosave of the open document into the app's data folder. A clean exit removes it; if it is
// still there at the next start, the app crashed with unsaved work and offers to restore it.
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node-io/atomic-write.ts';

export interface AutosaveEntry {
  readonly text: string;
  /** The name the document had (file name, or "Untitled.bpgraph"). */
  readonly name: string;
  /** Where the document lives on disk, if it was ever saved. */
  readonly sourcePath: string | null;
  readonly savedAt: number;
}

export interface AutosaveStore {
  write(entry: AutosaveEntry): Promise<void>;
  read(): Promise<AutosaveEntry | null>;
  clear(): Promise<void>;
}

const entrySchema = z.object({
  version: z.literal(1),
  text: z.string(),
  name: z.string(),
  sourcePath: z.string().nullable(),
  savedAt: z.number(),
});

export function createAutosaveStore(dataDir: string): AutosaveStore {
  const dir = join(dataDir, 'autosave');
  const file = join(dir, 'document.json');
  return {
    async write(entry) {
      await nodeFs.mkdir(dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ version: 1, ...entry }));
    },
    async read() {
      let raw: string;
      try {
        raw = await nodeFs.readFile(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const { version: _v, ...entry } = entrySchema.parse(JSON.parse(raw));
        return entry;
      } catch {
        // A damaged autosave is worth nothing; drop it rather than nag at every start.
        await nodeFs.rm(file, { force: true });
        return null;
      }
    },
    async clear() {
      await nodeFs.rm(file, { force: true });
    },
  };
}
