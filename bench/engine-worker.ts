// Runs the engine inside a worker thread: compiles the workload's graph through the public API and
// times forward + backward + SGD steps (the trainer's optimiser) for the window the main thread asks for.
import { parentPort } from 'node:worker_threads';
import { compileGraph, createOptimizer, DEFAULT_TRAINING_SETTINGS, type Optimizer, type Program } from '../engine/index.ts';
import { relaxedSimdAvailable, wasmGemm } from '../engine/kernels/wasm-gemm.ts';
import { mlpGraph, workload } from './graphs.ts';
import { timeSteps, type TimeRequest, type TimeResult } from './timing.ts';

const LEARNING_RATE = 0.05;
interface Model { readonly program: Program; readonly params: Float64Array[]; readonly grads: Float64Array[]; readonly sgd: Optimizer }
const models = new Map<string, Model>();

function model(name: string): Model {
  let m = models.get(name);
  if (!m) {
    const program = compileGraph(mlpGraph(workload(name)), { dataGradients: false });
    const live = program.parameters();
    const sgd = createOptimizer({ ...DEFAULT_TRAINING_SETTINGS, optimizer: 'sgd', learningRate: LEARNING_RATE, momentum: 0 }, live.map((p) => p.value.data.length));
    m = { program, params: live.map((p) => p.value.data), grads: live.map((p) => p.grad.data), sgd };
    models.set(name, m);
  }
  return m;
}

parentPort!.on('message', (req: TimeRequest) => {
  const { program, params, grads, sgd } = model(req.workload);
  let loss = 0;
  const step = (): void => {
    loss = program.run()!;
    sgd.step(params, grads);
  };
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const result: TimeResult = timeSteps(step, req);
  // Every buffer is allocated at compile time: the window should not grow ArrayBuffer memory.
  const arrayBufferGrowth = process.memoryUsage().arrayBuffers - buffersBefore;
  if (!Number.isFinite(loss)) throw new Error(`engine ${req.workload}: loss became ${loss}`);
  parentPort!.postMessage({ ...result, loss, arrayBufferGrowth, simdKernel: wasmGemm() !== null, relaxedSimd: relaxedSimdAvailable() });
});
