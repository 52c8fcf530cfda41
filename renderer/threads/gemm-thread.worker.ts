// The float32 kernel's helper thread in the browser: a worker started by the training worker (nested),
// serving the one init message and then blocking in the kernel's job loop (engine/kernels/gemm-threads.ts).
import { serveGemmThread, type GemmThreadInit } from '../../engine/index.ts';

self.onmessage = (event: MessageEvent<GemmThreadInit>) => serveGemmThread(event.data);
