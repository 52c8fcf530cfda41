// Node's way of starting the float32 kernel's helper thread (engine/kernels/gemm-threads.ts): a
// worker_threads Worker, unref'd so a process whose work is done exits without closing it.
import { Worker } from 'node:worker_threads';
import type { SpawnThread } from '../engine/kernels/gemm-threads.ts';

export const spawnNodeThread: SpawnThread = () => {
  const worker = new Worker(new URL('./gemm-thread-worker.mjs', import.meta.url));
  worker.unref();
  return { postMessage: (init) => worker.postMessage(init), terminate: () => void worker.terminate() };
};
