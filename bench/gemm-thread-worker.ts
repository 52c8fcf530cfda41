// The helper thread of the two-thread float32 kernel in Node: serves the one init message, then blocks
// in the kernel's job loop (engine/kernels/gemm-threads.ts) until stopped.
import { parentPort } from 'node:worker_threads';
import { serveGemmThread, type GemmThreadInit } from '../engine/kernels/gemm-threads.ts';

parentPort!.once('message', (init: GemmThreadInit) => serveGemmThread(init));
