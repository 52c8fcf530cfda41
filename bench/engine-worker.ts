// Runs the engine inside a worker thread: compiles the workload's graph through the public API and
// times forward + backward + SGD steps (the trainer's optimiser) for the window the main thread asks for,
// on the exact float64 path (`engine`) or the float32 one (`engine-fast`: the trainer's Float32Params,
// products on the f32x4 kernel, parameters as Float32Arrays; `engine-fast-2t` the same with the products
// split between this thread and a helper, engine/kernels/gemm-threads.ts).
import { parentPort } from 'node:worker_threads';
import { compileGraph, createOptimizer, DEFAULT_TRAINING_SETTINGS, Float32Params, type Floats, type Optimizer, type Precision, type Program } from '../engine/index.ts';
import { enableGemmThreads, gemmThreadsReady } from '../engine/kernels/gemm-threads.ts';
import { relaxedSimdAvailable, wasmGemm } from '../engine/kernels/wasm-gemm.ts';
import { spawnNodeThread } from './gemm-threads-node.ts';
import { mlpGraph, workload } from './graphs.ts';
import { timeSteps, type TimeRequest, type TimeResult } from './timing.ts';

export interface EngineRequest extends TimeRequest { readonly precision: Precision; readonly threads: 1 | 2 }

const LEARNING_RATE = 0.05;
interface Model { readonly program: Program; readonly params: Floats[]; readonly grads: Floats[]; readonly sgd: Optimizer; readonly f32Kernel: string | null }
const models = new Map<string, Model>();

function model(name: string, precision: Precision): Model {
  const key = `${precision}/${name}`;
  let m = models.get(key);
  if (m) return m;
  const exact = compileGraph(mlpGraph(workload(name)), { dataGradients: false });
  const live = exact.parameters();
  const sgd = createOptimizer({ ...DEFAULT_TRAINING_SETTINGS, optimizer: 'sgd', learningRate: LEARNING_RATE, momentum: 0 }, live.map((p) => p.value.data.length));
  if (precision === 'float64') {
    m = { program: exact, params: live.map((p) => p.value.data), grads: live.map((p) => p.grad.data), sgd, f32Kernel: null };
  } else {
    const f32 = Float32Params.create(exact);
    if (!(f32 instanceof Float32Params)) throw new Error(`engine-fast ${name}: ${f32.message}`);
    const program = compileGraph(mlpGraph(workload(name)), { dataGradients: false, params: exact.params, modules: f32.modules });
    m = { program, params: f32.owners.map((o) => o.value.data), grads: f32.gradsOf(program), sgd, f32Kernel: f32.variant };
  }
  models.set(key, m);
  return m;
}

async function serve(req: EngineRequest): Promise<void> {
  // This worker serves one peer, so enabling threads here affects only `engine-fast-2t`.
  if (req.threads === 2) enableGemmThreads(spawnNodeThread);
  const m = model(req.workload, req.precision);
  if (req.threads === 2 && !(await gemmThreadsReady())) throw new Error('engine-fast-2t: the helper thread did not start');
  const { program, params, grads, sgd, f32Kernel } = m;
  let loss = 0;
  const step = (): void => {
    loss = program.run()!;
    sgd.step(params, grads);
  };
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const result: TimeResult = timeSteps(step, req);
  // Every buffer is allocated at compile time: the window should not grow ArrayBuffer memory.
  const arrayBufferGrowth = process.memoryUsage().arrayBuffers - buffersBefore;
  if (!Number.isFinite(loss)) throw new Error(`engine ${req.precision} ${req.workload}: loss became ${loss}`);
  parentPort!.postMessage({ ...result, loss, arrayBufferGrowth, simdKernel: wasmGemm() !== null, relaxedSimd: relaxedSimdAvailable(), f32Kernel });
}

// A failure rejects and so crashes the worker: the main thread's 'error' listener reports it.
parentPort!.on('message', (req: EngineRequest) => void serve(req));
