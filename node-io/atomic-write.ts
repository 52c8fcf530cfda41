// The one crash-safe file writer, shared by the CLI (`train --out`) and the desktop main process
// (save, autosave, recent files): write a temp file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash at any moment leaves the old file or the new one, never a mix.
// Symbolic links are followed (the file they point to is replaced, the link stays), a file with
// other hard links is rewritten in place (see writeInPlace), a read-only file is refused.
// Node only: engine/ and renderer/ may not import it (eslint.config.js).
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The part of node:fs/promises the writer uses; tests inject failures through it. */
export type WriteFs = Pick<typeof nodeFs, 'open' | 'rename' | 'rm' | 'stat' | 'lstat' | 'readlink' | 'access'>;

type Hook = (tempPath: string) => Promise<void> | void;

export interface AtomicWriteOptions {
  fs?: WriteFs;
  /** Test hook: runs after the temp file is written and synced, before the rename. */
  beforeRename?: Hook;
  /** Test hook: runs after half of the data is written, before the rest. */
  midWrite?: Hook;
  /** Test hook (hard links only): runs halfway through copying the new content into the file. */
  midCopy?: Hook;
}

/** The target exists and may not be written (no write permission bit): replacing it would be silent. */
export class ReadOnlyFileError extends Error {
  override readonly name = 'ReadOnlyFileError';
  readonly code = 'EREADONLY';
  constructor(readonly path: string) {
    super(`EREADONLY: ${path} is read-only`);
  }
}

const RENAME_RETRIES = 5;
/** As many hops as Linux follows before ELOOP. */
const MAX_LINK_HOPS = 40;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** `content`: text (written as UTF-8) or bytes (written as they are: an ONNX model). */
export async function writeFileAtomic(target: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  // stat follows links in the kernel, so a link loop fails here (ELOOP) before anything is written.
  const existing = await fs.stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (existing?.isDirectory()) throw Object.assign(new Error(`EISDIR: ${target} is a folder`), { code: 'EISDIR', path: target });
  // A pipe or device (`--out /dev/stdout`) cannot be replaced, only written to.
  if (existing !== null && !existing.isFile()) return writeStream(fs, target, data);
  if (existing !== null && (await isReadOnly(fs, target, existing))) throw new ReadOnlyFileError(target);
  const real = await followLinks(fs, target);
  if (existing !== null && existing.nlink > 1) return writeInPlace(fs, real, data, existing, options);
  const temp = await writeTemp(fs, real, data, existing?.mode ?? 0o644, options.midWrite);
  try {
    await options.beforeRename?.(temp);
    await renameWithRetry(fs, temp, real);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDirectory(fs, dirname(real));
}

/** Where the bytes go: the end of the chain of symbolic links (which need not exist yet). */
async function followLinks(fs: WriteFs, target: string): Promise<string> {
  let path = resolve(target);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    let stats: Stats;
    try {
      stats = await fs.lstat(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return path;
      throw e;
    }
    if (!stats.isSymbolicLink()) return path;
    path = resolve(dirname(path), await fs.readlink(path));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links at ${target}`), { code: 'ELOOP', path: target });
}

/**
 * No write bit at all means the user marked the file read-only; root and a writable folder would
 * let rename replace it anyway, so the bits are checked and not only access().
 */
async function isReadOnly(fs: WriteFs, path: string, stats: Stats): Promise<boolean> {
  if ((stats.mode & 0o222) === 0) return true;
  return fs.access(path, nodeFs.constants.W_OK).then(() => false, () => true);
}

/** A new file next to `real` holding `data`, synced to disk; removed again if anything fails. */
async function writeTemp(fs: WriteFs, real: string, data: Buffer, mode: number, midWrite?: Hook): Promise<string> {
  const temp = tempPathFor(real);
  const handle = await fs.open(temp, 'wx', mode & 0o777);
  try {
    const half = Math.floor(data.length / 2);
    await writeAll(handle, data.subarray(0, half), 0);
    await midWrite?.(temp);
    await writeAll(handle, data.subarray(half), half);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
  return temp;
}

/**
 * A file with several hard links: a rename would give only this name the new content, so the bytes
 * go into the existing inode. This cannot be atomic, so it is made recoverable instead: (1) the new
 * content is first written to a temp file and synced, so a complete copy of what the user saved is
 * on disk before the shared file is touched; (2) if the file grows, the part past its old end is
 * written first: a full disk fails there, and truncating back leaves the old content untouched;
 * (3) then the old bytes are overwritten, the file is cut to the new length and synced; (4) only
 * then is the temp file removed. A crash during (3) leaves the complete new version in the temp file.
 * Keeping a backup of the *old* content instead would need the same unsafe overwrite and keep the
 * version the user just replaced, not the one they asked for.
 */
async function writeInPlace(fs: WriteFs, real: string, data: Buffer, stats: Stats, options: AtomicWriteOptions): Promise<void> {
  const temp = await writeTemp(fs, real, data, stats.mode, options.midWrite);
  const oldLength = stats.size;
  const handle = await fs.open(real, 'r+');
  let touched = false;
  try {
    if (data.length > oldLength) {
      try {
        await writeAll(handle, data.subarray(oldLength), oldLength);
        await handle.sync();
      } catch (e) {
        await handle.truncate(oldLength).catch(() => undefined);
        throw e;
      }
    }
    touched = true;
    const head = data.subarray(0, Math.min(oldLength, data.length));
    const half = Math.floor(head.length / 2);
    await writeAll(handle, head.subarray(0, half), 0);
    await options.midCopy?.(temp);
    await writeAll(handle, head.subarray(half), half);
    await handle.truncate(data.length);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    if (!touched) await fs.rm(temp, { force: true }).catch(() => undefined);
    else Object.assign(e as object, { keptAt: temp });
    throw e;
  }
  await handle.close();
  await fs.rm(temp, { force: true });
}

async function writeStream(fs: WriteFs, path: string, data: Buffer): Promise<void> {
  const handle = await fs.open(path, 'w');
  try {
    await writeAll(handle, data, null);
  } finally {
    await handle.close();
  }
}

/** handle.write may write less than asked; loop until every byte is down. */
async function writeAll(handle: nodeFs.FileHandle, data: Uint8Array, position: number | null): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position === null ? null : position + done);
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
    case 'EREADONLY':
      return 'the file is read-only';
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
    case 'ELOOP':
      return 'its symbolic links form a loop';
    default:
      return (e as Error | undefined)?.message ?? String(e);
  }
}

/** Where a failed in-place write left the complete new content, if it got that far. */
export function keptCopyOf(e: unknown): string | null {
  const kept = (e as { keptAt?: unknown } | null)?.keptAt;
  return typeof kept === 'string' ? kept : null;
}
