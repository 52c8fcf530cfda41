// Reading a document from disk: refuse oversized files before reading them, then the shared checks.
import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_FILE_BYTES, type Graph } from '../../engine/index.ts';
import { cannotOpen, readGraphText, tooLargeReason } from '../common/graph-document.ts';

export type ReadFs = Pick<typeof nodeFs, 'stat' | 'readFile'>;

export type DiskRead =
  | { readonly ok: true; readonly text: string; readonly graph: Graph; readonly name: string }
  | { readonly ok: false; readonly message: string };

export const DOCUMENT_EXTENSION = '.bpgraph';

export async function readGraphFromDisk(path: string, fs: ReadFs = nodeFs): Promise<DiskRead> {
  const name = basename(path);
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { ok: false, message: cannotOpen(name, 'it is not a file') };
    size = stat.size;
  } catch (e) {
    return { ok: false, message: cannotOpen(name, describeReadError(e)) };
  }
  if (size > MAX_FILE_BYTES) return { ok: false, message: cannotOpen(name, tooLargeReason(size)) };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    return { ok: false, message: cannotOpen(name, describeReadError(e)) };
  }
  // The bytes go to the engine's reader, which decides the encoding (UTF-8 only) for every reader.
  const read = readGraphText(bytes, name);
  return read.ok ? { ok: true, text: read.text, graph: read.graph, name } : read;
}

function describeReadError(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'the file no longer exists';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder';
    default: return (e as Error).message;
  }
}
