// `npm run bench`: steps/s of one forward + backward + SGD step for each workload and peer — the
// engine (in a worker thread) against tfjs on its cpu and wasm (SIMD) backends. This machine is
// shared and noisy, so peers run interleaved in many short rounds: each peer line reports its median
// round, and each ratio is the median of per-round ratios (peers timed back to back see the same
// load), with the ratio of best rounds alongside. Env: BENCH_ROUNDS (default 7), BENCH_WINDOW_MS (700).
import { Worker } from 'node:worker_threads';
import { workloads } from './graphs.ts';
import { loadTfPeer, type TfBackend, type TfPeer } from './peers/load.ts';
import { median, timeSteps, type TimeRequest, type TimeResult } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 700);
const peers = ['engine', 'tfjs-cpu', 'tfjs-wasm'] as const;
type Peer = (typeof peers)[number];

/** Targets from the issue: engine speed over tfjs-wasm speed. */
const targets: Record<string, number> = { toy: 5, mid: 1.5 };

interface EngineResult extends TimeResult { loss: number; arrayBufferGrowth: number; simdKernel: boolean }

class EngineWorker {
  private readonly worker = new Worker(new URL('./engine-worker-boot.mjs', import.meta.url));
  time(req: TimeRequest): Promise<EngineResult> {
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

async function main(): Promise<void> {
  const tf = await loadTfPeer();
  const engine = new EngineWorker();
  const wasmInfo = await tf.useBackend('wasm');
  if (!wasmInfo.simd) throw new Error('tfjs-backend-wasm runs without SIMD: the comparison would be unfair to tfjs');
  console.log(JSON.stringify({ meta: 'tfjs-wasm', ...wasmInfo }));
  console.log(JSON.stringify({ meta: 'run', rounds: ROUNDS, window_ms: WINDOW_MS, node: process.version }));

  const samples = new Map<string, number[]>(); // `${peer}/${workload}` → ms per step, one per round
  const add = (peer: Peer, name: string, r: TimeResult): void => {
    const key = `${peer}/${name}`;
    samples.set(key, [...(samples.get(key) ?? []), r.ms / r.steps]);
  };
  let bufferGrowth = 0, simdKernel = false;
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name } of workloads) {
      // Rotate the order each round so no peer always runs first (JIT, caches, thermal state).
      for (let k = 0; k < peers.length; k++) {
        const peer = peers[(k + round) % peers.length]!;
        const req = request(name, WINDOW_MS);
        if (peer === 'engine') {
          const r = await engine.time(req);
          bufferGrowth = Math.max(bufferGrowth, r.arrayBufferGrowth);
          simdKernel = r.simdKernel;
          add(peer, name, r);
        } else {
          add(peer, name, await timeTf(tf, peer === 'tfjs-cpu' ? 'cpu' : 'wasm', req));
        }
      }
    }
  }
  await engine.terminate();

  const msPerStep = (peer: Peer, name: string): number => median(samples.get(`${peer}/${name}`)!);
  for (const { name } of workloads) {
    for (const peer of peers) {
      const ms = msPerStep(peer, name);
      console.log(JSON.stringify({ peer, workload: name, steps_per_s: sig(1000 / ms), ms_per_step: sig(ms) }));
    }
  }
  for (const { name } of workloads) {
    for (const other of ['tfjs-wasm', 'tfjs-cpu'] as const) {
      const mine = samples.get(`engine/${name}`)!, theirs = samples.get(`${other}/${name}`)!;
      const value = median(mine.map((ms, round) => theirs[round]! / ms));
      const ofBest = Math.min(...theirs) / Math.min(...mine);
      const target = other === 'tfjs-wasm' ? targets[name] : undefined;
      console.log(JSON.stringify({
        ratio: `engine/${other}`, workload: name, value: sig(value, 3), of_best: sig(ofBest, 3),
        ...(target ? { target, met: value >= target } : {}),
      }));
    }
  }
  console.log(JSON.stringify({ meta: 'engine', simd_kernel: simdKernel, array_buffer_growth_bytes: bufferGrowth }));
  const rounds = Object.fromEntries([...samples].map(([k, v]) => [k, v.map((ms) => sig(ms, 3))]));
  console.log(JSON.stringify({ meta: 'ms_per_step_by_round', ...rounds }));
}

/** Rounds to significant digits: the noise here is a few percent, more digits would be noise. */
function sig(v: number, digits = 4): number {
  return Number(v.toPrecision(digits));
}

await main();
