// Exported PyTorch files run by real torch: write a graph's export into a folder, then load one or
// many of them in one Python process (torch takes a second or two to start) and read back what their
// Model computes, or run their `train` command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph, TensorJson } from '../../engine/index.ts';
import { exportPyTorch } from '../../interop/index.ts';
import { runTorchScript } from './torch.ts';

export interface ExportFolder {
  readonly dir: string;
  /** Writes the export of `graph` as `<name>.py` and returns its path. */
  write(name: string, graph: Graph): string;
  remove(): void;
}

export function exportFolder(): ExportFolder {
  const dir = mkdtempSync(join(tmpdir(), 'bps-pytorch-'));
  return {
    dir,
    write(name, graph) {
      const path = join(dir, `${name}.py`);
      writeFileSync(path, exportPyTorch(graph));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ModelRun {
  readonly loss: number | null;
  /** Node id → output, flattened. */
  readonly outputs: Record<string, number[]>;
  /** "<node>.<param>" → dL/dparam after loss.backward(); null where torch has no gradient (no path to a loss). */
  readonly grads: Record<string, number[] | null>;
  /** "<node>.<param>" → the value the model starts from. */
  readonly params: Record<string, number[]>;
  /** model.data(split), flattened, with the shapes. */
  readonly splits: Record<'train' | 'test', Record<string, { shape: number[]; data: number[] }>>;
}

const RUN_MODELS = String.raw`
import importlib.util
def load(path, i):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
def tensors(values):
    return {k: torch.tensor(v['data'], dtype=torch.float64).reshape(v['shape']) for k, v in values.items()}
runs = []
for i, case in enumerate(inp['cases']):
    model = load(case['path'], i).Model(dtype=torch.float64)
    result = model(tensors(case['data']) if case['data'] is not None else model.data())
    if result['loss'] is not None and result['loss'].requires_grad:  # a loss of data alone has no gradient
        result['loss'].backward()
    runs.append({
        'loss': result['loss'],
        'outputs': {k: v.flatten() for k, v in result['outputs'].items()},
        'grads': {k: None if p.grad is None else p.grad.flatten() for k, p in model.bp_params.items()},
        'params': {k: p.detach().flatten() for k, p in model.bp_params.items()},
        'splits': {s: {k: {'shape': list(v.shape), 'data': v.flatten()} for k, v in model.data(s).items()} for s in ('train', 'test')},
    })
emit(runs)
`;

export interface ModelCase {
  readonly path: string;
  /** Fed to model(data); default: model.data(). */
  readonly data?: Record<string, TensorJson>;
}

/** Model(dtype=float64) of each file, run forward on its data and backward from its loss, in one Python. */
export function runModels(python: string, cases: readonly ModelCase[]): ModelRun[] {
  return runTorchScript<ModelRun[]>(python, RUN_MODELS, { cases: cases.map((c) => ({ path: c.path, data: c.data ?? null })) });
}

export type TrainedParams = Record<string, { shape: number[]; data: number[] }>;

/** `python3 <file> <args…>` (or `python3 <launcher> … <file> …` through `prefix`); returns the JSON its --out wrote. */
const TRACEBACK_ON_HANG = fileURLToPath(new URL('./py-traceback', import.meta.url));

export function runTrain(python: string, args: readonly string[], out: string, options: { prefix?: readonly string[]; timeoutMs?: number } = {}): { params: TrainedParams; stdout: string; seconds: number } {
  const started = performance.now();
  const timeout = options.timeoutMs ?? 240_000;
  // Every python process (torchrun's agent and workers too) dumps its stacks 20 s before the timeout.
  const pythonPath = [TRACEBACK_ON_HANG, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  const r = spawnSync(python, [...(options.prefix ?? []), ...args, '--out', out], {
    encoding: 'utf8', timeout, env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONPATH: pythonPath, BPS_PY_TRACEBACK_AFTER: String(Math.max(1, timeout / 1000 - 20)) },
  });
  const seconds = (performance.now() - started) / 1000;
  // A run that timed out still has what it printed: name where it stopped, not just ETIMEDOUT.
  if (r.error) throw new Error(`${args.join(' ')}: ${r.error.message} after ${seconds.toFixed(0)} s; its last output:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-16000)}`);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { params: JSON.parse(readFileSync(out, 'utf8')) as TrainedParams, stdout: r.stdout, seconds };
}
