// Runs the engine inside a worker thread: compiles the workload's graph through the public API and
// times forward + backward + SGD steps for the window the main thread asks for.
import { parentPort } from 'node:worker_threads';
import { compileGraph, type Program } from '../engine/index.ts';
import { wasmGemm } from '../engine/kernels/wasm-gemm.ts';
import { mlpGraph, workload } from './graphs.ts';
import { timeSteps, type TimeRequest, type TimeResult } from './timing.ts';

const LEARNING_RATE = 0.05;
const programs = new Map<string, Program>();

function program(name: string): Program {
  let p = programs.get(name);
  if (!p) {
    p = compileGraph(mlpGraph(workload(name)), { dataGradients: false });
    programs.set(name, p);
  }
  return p;
}

parentPort!.on('message', (req: TimeRequest) => {
  const p = program(req.workload);
  let loss = 0;
  const step = (): void => {
    loss = p.run()!;
    p.sgdStep(LEARNING_RATE);
  };
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const result: TimeResult = timeSteps(step, req);
  // Every buffer is allocated at compile time: the window should not grow ArrayBuffer memory.
  const arrayBufferGrowth = process.memoryUsage().arrayBuffers - buffersBefore;
  if (!Number.isFinite(loss)) throw new Error(`engine ${req.workload}: loss became ${loss}`);
  parentPort!.postMessage({ ...result, loss, arrayBufferGrowth, simdKernel: wasmGemm() !== null });
});
