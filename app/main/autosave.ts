// Autosave of the open document into the app's data folder. A clean exit removes it; if it is
// still there at the next start, the app crashed with unsaved work and offers to restore it.
// A copy this version cannot restore (another version's format, a newer graph, damage) is never
// deleted: it is moved to autosave/kept/ and the user is told where and why.
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node-io/atomic-write.ts';
import { documentFileName } from '../common/graph-document.ts';

export interface AutosaveEntry {
  readonly text: string;
  /** The name the document had (file name, or "Untitled.bpgraph"). */
  readonly name: string;
  /** Where the document lives on disk, if it was ever saved. */
  readonly sourcePath: string | null;
  readonly savedAt: number;
}

/** An autosave that is there but cannot be read by this version, and why. */
export interface UnreadableAutosave {
  readonly problem: string;
}

export interface AutosaveStore {
  write(entry: AutosaveEntry): Promise<void>;
  read(): Promise<AutosaveEntry | UnreadableAutosave | null>;
  clear(): Promise<void>;
  /**
   * Moves the autosave out of the way (into autosave/kept/) and returns where it went. With the
   * entry whose graph did not read, its text is kept as a .bpgraph file that a newer version opens.
   */
  setAside(entry?: AutosaveEntry): Promise<string>;
}

export const AUTOSAVE_FORMAT = 1;

const entrySchema = z.object({
  version: z.literal(AUTOSAVE_FORMAT),
  text: z.string(),
  name: z.string(),
  sourcePath: z.string().nullable(),
  savedAt: z.number(),
});

export function isUnreadable(read: AutosaveEntry | UnreadableAutosave): read is UnreadableAutosave {
  return 'problem' in read;
}

/** Why a stored autosave cannot be used, or the entry. */
function parseEntry(raw: string): AutosaveEntry | UnreadableAutosave {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'it is damaged (not valid JSON)' };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== AUTOSAVE_FORMAT) {
    return { problem: `it was written by another version of Backprop Studio (autosave format ${JSON.stringify(version) ?? 'missing'}; this one reads format ${AUTOSAVE_FORMAT})` };
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return { problem: `it is damaged (${parsed.error.issues[0]?.path.join('.') || 'its fields'} is missing or wrong)` };
  const { version: _v, ...entry } = parsed.data;
  return entry;
}

export function createAutosaveStore(dataDir: string, now: () => number = Date.now): AutosaveStore {
  const dir = join(dataDir, 'autosave');
  const file = join(dir, 'document.json');
  const keptDir = join(dir, 'kept');
  return {
    async write(entry) {
      await nodeFs.mkdir(dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ version: AUTOSAVE_FORMAT, ...entry }));
    },
    async read() {
      let raw: string;
      try {
        raw = await nodeFs.readFile(file, 'utf8');
      } catch {
        return null;
      }
      return parseEntry(raw);
    },
    async clear() {
      await nodeFs.rm(file, { force: true });
    },
    async setAside(entry) {
      await nodeFs.mkdir(keptDir, { recursive: true });
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      if (entry === undefined) {
        const kept = join(keptDir, `${stamp} autosave.json`);
        await nodeFs.rename(file, kept);
        return kept;
      }
      const kept = join(keptDir, `${stamp} ${documentFileName(entry.name)}`);
      await writeFileAtomic(kept, entry.text);
      await nodeFs.rm(file, { force: true });
      return kept;
    },
  };
}
