// Crash-safe file replacement: write a temp file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash at any moment leaves the old file or the new one, never a mix.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The part of node:fs/promises the writer uses; tests inject failures through it. */
export type WriteFs = Pick<typeof nodeFs, 'open' | 'rename' | 'rm' | 'stat'>;

export interface AtomicWriteOptions {
  fs?: WriteFs;
  /** Test hook: runs after the temp file is written and synced, before the rename. */
  beforeRename?: (tempPath: string) => Promise<void> | void;
  /** Test hook: runs after half of the data is written, before the rest. */
  midWrite?: (tempPath: string) => Promise<void> | void;
}

const RENAME_RETRIES = 5;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const data = Buffer.from(text, 'utf8');
  const mode = await fs.stat(target).then((s) => s.mode & 0o777, () => 0o644);
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      const half = Math.floor(data.length / 2);
      await handle.write(data, 0, half, 0);
      await options.midWrite?.(temp);
      await handle.write(data, half, data.length - half, half);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await renameWithRetry(fs, temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDirectory(fs, dirname(target));
}

// Windows refuses a rename while a virus scanner or indexer briefly holds the target open.
async function renameWithRetry(fs: WriteFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= RENAME_RETRIES || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') || process.platform !== 'win32') throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable; folders cannot be opened for fsync on Windows, which is fine. */
async function syncDirectory(fs: WriteFs, dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported on this platform or file system
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A message naming the file and what the system said, for a save that failed. */
export function describeWriteError(target: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const name = basename(target);
  const folder = dirname(target);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Could not save "${name}": the folder ${folder} is not writable (permission denied). Choose another place with Save As.`;
    case 'EROFS':
      return `Could not save "${name}": ${folder} is on a read-only disk. Choose another place with Save As.`;
    case 'ENOSPC':
      return `Could not save "${name}": the disk is full.`;
    case 'ENOENT':
      return `Could not save "${name}": the folder ${folder} does not exist.`;
    default:
      return `Could not save "${name}": ${(e as Error | undefined)?.message ?? String(e)}`;
  }
}
