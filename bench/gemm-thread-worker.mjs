// Worker entry of the float32 kernel's helper thread in Node (as engine-worker-boot.mjs: Node 20 cannot
// pass `--import tsx` to a worker, so the TS loader is registered here).
import { register } from 'tsx/esm/api';

register();
await import('./gemm-thread-worker.ts');
