// The PyTorch peer ("torch-1t"): a long-lived `python3 bench/peers/torch-peer.py` that the runner asks
// for one timing window at a time, over JSON lines, so torch is timed in the same interleaved rounds as
// the engine and tfjs. One thread (torch.set_num_threads(1) and the BLAS/OpenMP thread variables),
// float32. Where no Python imports torch, `startTorchPeer` says why instead.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Workload } from '../graphs.ts';
import type { TimeRequest, TimeResult } from '../timing.ts';

export interface TorchInfo { readonly torch: string; readonly threads: number; readonly dtype: string; readonly blas: string; readonly python: string }
export interface TorchPeer {
  readonly info: TorchInfo;
  time(req: TimeRequest, w: Workload): Promise<TimeResult & { loss: number }>;
  close(): void;
}

const script = fileURLToPath(new URL('./torch-peer.py', import.meta.url));

/** $BPS_PYTHON, /usr/bin/python3, python3: the same search as the tests' torch oracle. */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([env.BPS_PYTHON, existsSync('/usr/bin/python3') ? '/usr/bin/python3' : undefined, 'python3'])]
    .filter((p): p is string => !!p);
}

class Lines {
  private readonly queue: string[] = [];
  private readonly waiting: { resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  private ended: Error | null = null;
  constructor(rl: Interface, child: ChildProcessWithoutNullStreams, stderr: () => string) {
    rl.on('line', (l) => {
      const w = this.waiting.shift();
      if (w) w.resolve(l);
      else this.queue.push(l);
    });
    const end = (why: string): void => {
      this.ended ??= new Error(`${why}${stderr() ? `: ${stderr().trim().split('\n').slice(-3).join(' | ')}` : ''}`);
      for (const w of this.waiting.splice(0)) w.reject(this.ended);
    };
    child.on('error', (e) => end(`could not start: ${e.message}`));
    child.on('exit', (code, signal) => end(`exited (${signal ?? code})`));
  }
  next(): Promise<string> {
    const l = this.queue.shift();
    if (l !== undefined) return Promise.resolve(l);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

async function start(python: string): Promise<TorchPeer | string> {
  const threadEnv = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const child = spawn(python, [script], { env: { ...process.env, ...threadEnv }, stdio: 'pipe' });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err = (err + d).slice(-4000); });
  const lines = new Lines(createInterface({ input: child.stdout }), child, () => err);
  let first: { ready?: boolean; absent?: string } & Partial<TorchInfo>;
  try {
    first = JSON.parse(await lines.next()) as typeof first;
  } catch (e) {
    child.kill();
    return `${python} ${(e as Error).message}`;
  }
  if (!first.ready) {
    child.kill();
    return first.absent ?? `${python} answered ${JSON.stringify(first)}`;
  }
  const info: TorchInfo = { torch: first.torch!, threads: first.threads!, dtype: first.dtype!, blas: first.blas!, python };
  return {
    info,
    async time(req, w) {
      child.stdin.write(JSON.stringify({ ...req, sizes: w.sizes, batch: w.batch, seed: w.seed }) + '\n');
      return JSON.parse(await lines.next()) as TimeResult & { loss: number };
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}

/** The first candidate Python that imports torch, started; or why none did. */
export async function startTorchPeer(candidates: readonly string[] = pythonCandidates()): Promise<TorchPeer | { absent: string }> {
  const reasons: string[] = [];
  for (const python of candidates) {
    const r = await start(python);
    if (typeof r !== 'string') return r;
    reasons.push(r);
  }
  return { absent: reasons.join('; ') || 'no python3 to try' };
}
