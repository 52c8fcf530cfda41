// `npm run bench`: steps/s of one forward + backward + SGD step for each workload and peer — the
// engine (in a worker thread; `engine` the exact float64 path, `engine-fast` the float32 one) against tfjs on its cpu and wasm (SIMD) backends and PyTorch on one thread
// (float32, its BLAS; `torch-1t`, when a python3 imports torch). This machine is shared and noisy, so
// peers run interleaved in many short rounds: each peer line reports its median round, and each ratio
// is the median of per-round ratios (peers timed back to back see the same load), with the ratio of best
// rounds alongside, and the same ratio on CPU time per step (`cpu_value`: the load stretches wall time far
// more); the last line gathers the ratios (bench/report.ts). Env: BENCH_ROUNDS (default 7),
// BENCH_WINDOW_MS (700), BENCH_PEERS (comma-separated subset of engine,engine-fast,engine-fast-2t,tfjs-cpu,
// tfjs-wasm,torch-1t). `engine-fast-2t` is `engine-fast` with its products on two threads (gemm-threads.ts):
// its CPU time counts both.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { workload, workloads, type Workload } from './graphs.ts';
import { loadTfPeer, type TfBackend, type TfPeer } from './peers/load.ts';
import { startTorchPeer, type TorchPeer } from './peers/torch.ts';
import type { EngineRequest } from './engine-worker.ts';
import { absentLine, peerLine, ratioLines, sampleKey, sig, summaryLine, type RatioSpec } from './report.ts';
import { timeSteps, type TimeRequest, type TimeResult } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 700);
const allPeers = ['engine', 'engine-fast', 'engine-fast-2t', 'tfjs-cpu', 'tfjs-wasm', 'torch-1t'] as const;
const enginePeers: readonly Peer[] = ['engine', 'engine-fast', 'engine-fast-2t'];
type Peer = (typeof allPeers)[number];

/** Targets from issue 14: engine speed over tfjs-wasm speed, and over PyTorch on one thread (points 1 and 2). */
const ratioSpecs: readonly RatioSpec[] = [
  { of: 'engine', over: 'tfjs-wasm', targets: { toy: 5, mid: 1.5 } },
  { of: 'engine', over: 'tfjs-cpu' },
  { of: 'engine', over: 'torch-1t', targets: { toy: 5, mid: 0.2 } },
  { of: 'engine-fast', over: 'torch-1t', targets: { mid: 0.5 } },
  { of: 'engine-fast', over: 'engine' },
  { of: 'engine-fast-2t', over: 'torch-1t', targets: { mid: 0.5 } },
  { of: 'engine-fast-2t', over: 'engine-fast' },
];

interface EngineResult extends TimeResult { loss: number; arrayBufferGrowth: number; simdKernel: boolean; relaxedSimd: boolean; f32Kernel: string | null }

// The engine's workers get relaxed SIMD (on by default in Chromium and Electron, behind a flag in
// Node 20). V8 flags are per process, so this is set before the worker's isolate and module exist.
setFlagsFromString('--experimental-wasm-relaxed-simd');

class EngineWorker {
  private readonly worker = new Worker(new URL('./engine-worker-boot.mjs', import.meta.url));
  time(req: EngineRequest): Promise<EngineResult> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.worker.once('error', onError);
      this.worker.once('message', (r: EngineResult) => {
        this.worker.off('error', onError);
        resolve(r);
      });
      this.worker.postMessage(req);
    });
  }
  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

function request(name: string, ms: number): TimeRequest {
  // Enough warm-up for the JIT (engine) and kernel caches (tfjs); a slow step still runs 3 times.
  return { workload: name, warmupSteps: name === 'toy' ? 200 : 3, windowMs: ms, minSteps: 3 };
}

async function timeTf(tf: TfPeer, backend: TfBackend, req: TimeRequest): Promise<TimeResult> {
  await tf.useBackend(backend);
  const model = tf.tfMlp(workloads.find((w) => w.name === req.workload)!);
  try {
    return timeSteps(() => { model.step(); }, req);
  } finally {
    model.dispose();
  }
}

function chosenPeers(): Peer[] {
  const asked = process.env.BENCH_PEERS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!asked) return [...allPeers];
  const unknown = asked.filter((p) => !(allPeers as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`BENCH_PEERS: unknown peer ${unknown.join(', ')} (known: ${allPeers.join(', ')})`);
  return allPeers.filter((p) => asked.includes(p));
}

async function main(): Promise<void> {
  const peers = chosenPeers();
  const absent: { peer: Peer; reason: string }[] = [];
  let tf: TfPeer | null = null;
  if (peers.some((p) => p.startsWith('tfjs'))) {
    tf = await loadTfPeer();
    const wasmInfo = await tf.useBackend('wasm');
    if (!wasmInfo.simd) throw new Error('tfjs-backend-wasm runs without SIMD: the comparison would be unfair to tfjs');
    console.log(JSON.stringify({ meta: 'tfjs-wasm', ...wasmInfo }));
  }
  let torch: TorchPeer | null = null;
  if (peers.includes('torch-1t')) {
    const t = await startTorchPeer();
    if ('absent' in t) absent.push({ peer: 'torch-1t', reason: t.absent });
    else {
      torch = t;
      console.log(JSON.stringify({ meta: 'torch-1t', ...t.info }));
    }
  }
  const timed = peers.filter((p) => !absent.some((a) => a.peer === p));
  // One worker per path: in one isolate the optimiser's loops would see both Float64Array and
  // Float32Array parameters and JIT slower code for each.
  const engines = new Map(timed.filter((p) => enginePeers.includes(p)).map((p) => [p, new EngineWorker()]));
  console.log(JSON.stringify({ meta: 'run', rounds: ROUNDS, window_ms: WINDOW_MS, node: process.version, peers: timed, load: loadavg().map((v) => sig(v, 3)) }));

  const samples = new Map<string, number[]>(); // `${peer}/${workload}` → ms per step, one per round
  const cpuSamples = new Map<string, number[]>(); // the same for CPU ms per step
  const add = (peer: Peer, name: string, r: TimeResult): void => {
    const key = sampleKey(peer, name);
    samples.set(key, [...(samples.get(key) ?? []), r.ms / r.steps]);
    cpuSamples.set(key, [...(cpuSamples.get(key) ?? []), r.cpuMs / r.steps]);
  };
  let bufferGrowth = 0, simdKernel = false, relaxedSimd = false, f32Kernel: string | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name } of workloads) {
      // Rotate the order each round so no peer always runs first (JIT, caches, thermal state).
      for (let k = 0; k < timed.length; k++) {
        const peer = timed[(k + round) % timed.length]!;
        const req = request(name, WINDOW_MS);
        if (enginePeers.includes(peer)) {
          const r = await engines.get(peer)!.time({ ...req, precision: peer === 'engine' ? 'float64' : 'float32', threads: peer === 'engine-fast-2t' ? 2 : 1 });
          bufferGrowth = Math.max(bufferGrowth, r.arrayBufferGrowth);
          ({ simdKernel, relaxedSimd } = r);
          f32Kernel = r.f32Kernel ?? f32Kernel;
          add(peer, name, r);
        } else if (peer === 'torch-1t') {
          add(peer, name, await torch!.time(req, workload(name) satisfies Workload));
        } else {
          add(peer, name, await timeTf(tf!, peer === 'tfjs-cpu' ? 'cpu' : 'wasm', req));
        }
      }
    }
  }
  for (const e of engines.values()) await e.terminate();
  torch?.close();

  for (const { name } of workloads) {
    for (const peer of timed) console.log(JSON.stringify(peerLine(peer, name, samples.get(sampleKey(peer, name))!, cpuSamples.get(sampleKey(peer, name)))));
  }
  for (const { peer, reason } of absent) console.log(JSON.stringify(absentLine(peer, reason)));
  const ratios = ratioLines(samples, workloads.map((w) => w.name), ratioSpecs, cpuSamples);
  for (const line of ratios) console.log(JSON.stringify(line));
  if (engines.size) console.log(JSON.stringify({ meta: 'engine', simd_kernel: simdKernel, relaxed_simd: relaxedSimd, f32_kernel: f32Kernel, array_buffer_growth_bytes: bufferGrowth }));
  const rounds = Object.fromEntries([...samples].map(([k, v]) => [k, v.map((ms) => sig(ms, 3))]));
  console.log(JSON.stringify({ meta: 'ms_per_step_by_round', ...rounds }));
  console.log(JSON.stringify(summaryLine(ratios, loadavg())));
}

await main();
