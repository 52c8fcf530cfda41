// Gives the engine a second thread for the float32 path's products where the page is cross-origin
// isolated (COOP + COEP from app:// and vite: SharedArrayBuffer exists). Called in the training worker:
// its thread waits for the helper with Atomics.wait, which a page's main thread may not do.
import { enableGemmThreads } from '../../engine/index.ts';

export function enableGemmThreadsIfIsolated(): boolean {
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return false;
  enableGemmThreads(() => new Worker(new URL('./gemm-thread.worker.ts', import.meta.url), { type: 'module' }));
  return true;
}
