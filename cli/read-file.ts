// The CLI's one way to read a file: its type and size are checked on the open descriptor before a byte
// is read, so a FIFO or /dev/zero cannot hang it and a 5 GB file cannot fill memory (issue 8.7).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { formatBytes, MAX_FILE_BYTES } from '../engine/index.ts';

/** Thrown with the reason only; cli/load.ts puts it after "FILE: cannot read (…)". */
export class FileRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FileRefusedError';
  }
}

/** The file's bytes: the engine's readDocument decodes them, so an encoding is refused by name. */
export function readFileBytes(path: string, maxBytes = MAX_FILE_BYTES): Uint8Array {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stats.isFile()) throw new FileRefusedError(`${fileType(stats)}, not a regular file`);
    const limit = `larger than ${maxBytes / 1024 / 1024} MB`;
    if (stats.size > maxBytes) throw new FileRefusedError(`${formatBytes(stats.size)}, ${limit}`);
    // Read at most one byte past the limit: a file that grows after the check is still refused.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > maxBytes) throw new FileRefusedError(`grew while being read, ${limit}`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function fileType(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'a special file';
}
