// A picked or dropped file's bytes are read into a graph (readGraphText, the one reading rule) in a
// worker (read-file.worker.ts), so a 10,000-node file's JSON.parse and validation — about 0.4 s —
// leave the page responsive (issue 14.6). Where Workers are absent (tests, node), the same rule runs here.
import { cannotOpen, readGraphText } from '../../app/common/graph-document.ts';
import type { Graph } from '../../engine/index.ts';

/** What browser-files needs of a read: the graph, or the message to show (as readGraphText words it). */
export type GraphRead = { readonly ok: true; readonly graph: Graph } | { readonly ok: false; readonly message: string };

export interface ReadRequest {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

/** The worker's answer to one request: readGraphText's result without the decoded text (nobody reads it; cloning it back would cost). */
export function answerRead({ bytes, fileName }: ReadRequest): GraphRead {
  const read = readGraphText(bytes, fileName);
  return read.ok ? { ok: true, graph: read.graph } : read;
}

/** What the reader needs of a worker (the real one, or an in-process stand-in in tests). */
export interface ReadWorkerLike {
  postMessage(request: ReadRequest, transfer: Transferable[]): void;
  onmessage: ((event: { data: GraphRead }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
  terminate(): void;
}

export const createReadWorker = (): ReadWorkerLike => new Worker(new URL('./read-file.worker.ts', import.meta.url), { type: 'module' }) as unknown as ReadWorkerLike;

/**
 * Reads `bytes` (handed over: they are unusable afterwards) in a worker of its own, ended once it
 * answers; synchronously where there is no worker to make (`createWorker` null).
 */
export function readOffThread(bytes: Uint8Array, fileName: string, createWorker: (() => ReadWorkerLike) | null = typeof Worker === 'undefined' ? null : createReadWorker): Promise<GraphRead> {
  if (createWorker === null) return Promise.resolve(answerRead({ bytes, fileName }));
  return new Promise((resolve) => {
    const worker = createWorker();
    const done = (read: GraphRead): void => { worker.terminate(); resolve(read); };
    worker.onmessage = (event) => done(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      done({ ok: false, message: cannotOpen(fileName, `the file could not be checked (${event.message ?? 'the reader stopped'})`) });
    };
    // A whole-buffer view (readInChunks makes one) is handed over; a view into a larger buffer is copied.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    worker.postMessage({ bytes, fileName }, whole ? [bytes.buffer as ArrayBuffer] : []);
  });
}
