// The Open Recent list: bounded, newest first, deduplicated, files that vanished are dropped.
// The page only ever sees opaque ids; main maps them back to paths.
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { RecentFile } from '../common/ipc-contract.ts';
import { writeFileAtomic } from '../../node-io/atomic-write.ts';

export const MAX_RECENT = 10;

export interface RecentFiles {
  add(path: string): Promise<void>;
  /** Current entries whose files still exist (missing ones are dropped and forgotten). */
  list(): Promise<RecentFile[]>;
  pathOf(id: string): Promise<string | null>;
  clear(): Promise<void>;
}

export function recentIdOf(path: string): string {
  return createHash('sha256').update(path).digest('base64url').slice(0, 22);
}

function sameFile(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export function createRecentFiles(dataDir: string, options: { platform?: NodeJS.Platform; max?: number } = {}): RecentFiles {
  const file = join(dataDir, 'recent-files.json');
  const platform = options.platform ?? process.platform;
  const max = options.max ?? MAX_RECENT;

  async function load(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await nodeFs.readFile(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }
  async function store(paths: string[]): Promise<void> {
    await nodeFs.mkdir(dataDir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(paths, null, 2));
  }
  async function existing(): Promise<string[]> {
    const paths = await load();
    const alive: string[] = [];
    for (const p of paths) {
      const ok = await nodeFs.stat(p).then((s) => s.isFile(), () => false);
      if (ok) alive.push(p);
    }
    if (alive.length !== paths.length) await store(alive);
    return alive;
  }

  // Every operation reads and rewrites the whole list: two at once would each drop the other's
  // change (an open and a save adding files together lost one), so they run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = queue.then(operation);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    add: (path) => serial(async () => {
      const full = resolve(path);
      const paths = (await load()).filter((p) => !sameFile(p, full, platform));
      await store([full, ...paths].slice(0, max));
    }),
    list: () => serial(async () => (await existing()).map((p) => ({ id: recentIdOf(p), name: basename(p), folder: dirname(p) }))),
    pathOf: (id) => serial(async () => (await existing()).find((p) => recentIdOf(p) === id) ?? null),
    clear: () => serial(() => store([])),
  };
}
