// The one crash-safe file writer, shared by the CLI (`train --out`) and the desktop main process
// (save, autosave, recent files): write a temp file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash at any moment leaves the old file or the new one, never a mix.
// Node only: engine/ and renderer/ may not import it (eslint.config.js).
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
      await writeAll(handle, data.subarray(0, half), 0);
      await options.midWrite?.(temp);
      await writeAll(handle, data.subarray(half), half);
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

/** handle.write may write less than asked; loop until every byte is down. */
async function writeAll(handle: nodeFs.FileHandle, data: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
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

/** Why a write failed, in words (the caller names the file and says what was kept). */
export function writeFailureReason(target: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const folder = dirname(target);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `the folder ${folder} is not writable (permission denied)`;
    case 'EROFS':
      return `${folder} is on a read-only disk`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENOENT':
      return `the folder ${folder} does not exist`;
    case 'EISDIR':
      return 'it is a folder';
    default:
      return (e as Error | undefined)?.message ?? String(e);
  }
}
