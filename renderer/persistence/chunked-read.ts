// Reads a picked or dropped file a slice at a time, reporting the share read: each slice is its own
// task, so a 10,000-node file neither blocks the page while it is read nor leaves it without news.

/** A file that can be read in slices (a browser File); FileLike without slice is read at once. */
export interface Sliceable {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  slice?(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export const CHUNK_BYTES = 256 * 1024;
/** The share of the open progress that reading the bytes stands for; checking and loading them is the rest. */
export const READ_SHARE = 0.9;

/** The file's bytes; `progress(read / size)` after each slice (never for a file of one slice or less). */
export async function readInChunks(file: Sliceable, progress: (fraction: number) => void, chunkBytes = CHUNK_BYTES): Promise<Uint8Array> {
  if (!file.slice || file.size <= chunkBytes) return new Uint8Array(await file.arrayBuffer());
  const bytes = new Uint8Array(file.size);
  for (let at = 0; at < file.size; at += chunkBytes) {
    const end = Math.min(file.size, at + chunkBytes);
    const part = new Uint8Array(await file.slice(at, end).arrayBuffer());
    if (part.length !== end - at) throw new Error(`the file changed while it was read (${part.length} bytes at ${at}, expected ${end - at})`);
    bytes.set(part, at);
    progress(end / file.size);
  }
  return bytes;
}

/** Lets the browser paint (the progress just shown) before a long synchronous step. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
