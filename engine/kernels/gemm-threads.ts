// The float32 kernel on two threads (issue 14.3): a helper thread shares the kernel's memory (a shared
// WebAssembly.Memory) and both threads claim chunks of C's 4-row blocks from one product, computing
// them with the same kernel. Each element of C is still one call's sum over r in the same order, so
// results are bit-identical to one thread. The platform starts the thread (a Web Worker where the page
// is cross-origin isolated, a worker_threads Worker in Node) through SpawnThread and runs
// serveGemmThread in it; the engine imports no platform. This thread blocks in Atomics.wait for the
// chunks the helper holds, so it must be a worker (a browser's main thread may not wait): the probe says so.
import { growTo, type WasmMemory } from './wasm-emit.ts';
import { gemmF32ModuleBytes, wasmGemmF32, type F32Variant, type GemmF32 } from './wasm-gemm-f32.ts';
import { relaxedSimdAvailable } from './wasm-gemm.ts';

/** What the helper thread receives once: the kernel's bytes, the shared memory and the control words. */
export interface GemmThreadInit {
  readonly bytes: Uint8Array;
  readonly memory: WasmMemory;
  readonly control: SharedArrayBuffer;
}

/** A thread the platform started, running serveGemmThread on the first message it gets. */
export interface HelperThread {
  postMessage(init: GemmThreadInit): void;
  terminate(): void;
}

export type SpawnThread = () => HelperThread;

/** The float32 kernel, splitting big products between this thread and a helper. */
export interface TwoThreadGemmF32 extends GemmF32 {
  /** Resolves true once the helper runs (false if it never can); until then every product runs here. */
  readonly ready: Promise<boolean>;
  /** Products split between the two threads so far (the others ran on this thread alone). */
  readonly splitRuns: number;
  close(): void;
}

/**
 * Smallest product (4·Mp × 8·Np × R multiply-adds, padded) split between the threads: where the
 * wake-up (tens of µs here) is under a tenth of the product. Not a measured break-even: on this loaded
 * 2-core machine bench/gemm-threads-threshold.ts found none (ARCHITECTURE.md has the figures).
 */
export const TWO_THREAD_MIN_MULTIPLY_ADDS = 1 << 20;
/** 1 GiB: a shared memory declares its maximum up front (address space, not memory). */
const MAX_PAGES = 16384;
/** A product is cut into at most this many chunks of block rows, claimed by whichever thread is free. */
const CHUNKS = 16;
// Control words (Int32). CLAIM = job·64 + next chunk: a thread claims a chunk by compare-exchange, so a
// helper that wakes late (this thread already did every chunk, maybe started the next product) claims
// nothing stale. HELPED counts the chunks the helper finished; the product's arguments follow.
const JOB = 0, CLAIM = 1, HELPED = 2, FAILED = 3, READY = 4, STOP = 5, ARGS = 6, CHUNK = ARGS + 12, WORDS = CHUNK + 1;
const JOB_MASK = (1 << 24) - 1;
/** READY's value when the helper could not instantiate the kernel (1 when it runs). */
const NEVER = 2;

export class GemmThreadError extends Error {}

interface SharedWasm {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
interface AtomicsAsync { waitAsync?(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }
/** How long `ready` waits for the helper to start (a loaded machine starts a worker slowly). */
const READY_TIMEOUT_MS = 30_000;
type Kernel = (...args: number[]) => void;

function instantiate(wasm: SharedWasm, bytes: Uint8Array, memory: WasmMemory): Kernel {
  return new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } }).exports['gemm_f32'] as Kernel;
}

/**
 * Claims and runs chunks of job `job` until none is left; returns how many it ran. Chunk k is block
 * rows k·chunk… of C: A and C start that many panels / block rows further on, nothing else changes.
 */
function runChunks(fn: Kernel, ctl: Int32Array, job: number, a: readonly number[]): number {
  const [aPtr, aPanel, aStep, aLane, bPtr, bPanel, bStep, cPtr, Mp, Np, R, load] = a as [number, number, number, number, number, number, number, number, number, number, number, number];
  const chunk = a[12]!, chunks = Math.ceil(Mp / chunk), tag = (job & JOB_MASK) * 64;
  let ran = 0;
  for (;;) {
    const word = Atomics.load(ctl, CLAIM), k = word - tag;
    if (k < 0 || k >= chunks || Atomics.compareExchange(ctl, CLAIM, word, word + 1) !== word) {
      if (k >= 0 && k < chunks) continue; // the other thread took chunk k first: try the next
      return ran;
    }
    const s = k * chunk;
    fn(aPtr + s * aPanel, aPanel, aStep, aLane, bPtr, bPanel, bStep, cPtr + s * Np * 128, Math.min(chunk, Mp - s), Np, R, load);
    ran++;
  }
}

export interface TwoThreadOptions {
  /** Split products from this size on (default TWO_THREAD_MIN_MULTIPLY_ADDS). */
  readonly minMultiplyAdds?: number;
  /** Tests: this thread starts only once the helper has claimed the first chunk, so both threads compute. */
  readonly helperFirst?: boolean;
}

/** Whether this thread may share memory and block waiting for another (false on a browser's main thread). */
export function canWaitForThreads(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics === 'undefined') return false;
  try {
    return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0) === 'not-equal';
  } catch {
    return false;
  }
}

/** The two-thread kernel, or null where this runtime cannot share a kernel's memory between threads. */
export function twoThreadGemmF32(
  spawn: SpawnThread,
  variant: F32Variant = relaxedSimdAvailable() ? 'fma' : 'plain',
  { minMultiplyAdds = TWO_THREAD_MIN_MULTIPLY_ADDS, helperFirst = false }: TwoThreadOptions = {},
): TwoThreadGemmF32 | null {
  const wasm = (globalThis as { WebAssembly?: SharedWasm }).WebAssembly;
  if (!wasm || !canWaitForThreads() || !wasmGemmF32(variant)) return null;
  const bytes = gemmF32ModuleBytes(variant, MAX_PAGES);
  let memory: WasmMemory, fn: Kernel, thread: HelperThread;
  try {
    if (!wasm.validate(bytes)) return null;
    memory = new wasm.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    fn = instantiate(wasm, bytes, memory);
    thread = spawn();
  } catch {
    return null;
  }
  const control = new SharedArrayBuffer(WORDS * 4), ctl = new Int32Array(control);
  thread.postMessage({ bytes, memory, control });
  let job = 0, closed = false, splitRuns = 0;
  const waitAsync = (Atomics as unknown as AtomicsAsync).waitAsync;
  const ready = (async (): Promise<boolean> => {
    const w = waitAsync?.(ctl, READY, 0, READY_TIMEOUT_MS);
    if (w?.async) await w.value;
    return Atomics.load(ctl, READY) === 1;
  })();
  const args = new Array<number>(13).fill(0);
  const g: TwoThreadGemmF32 = {
    variant,
    f32: new Float32Array(memory.buffer),
    get ready() { return ready; },
    get splitRuns() { return splitRuns; },
    reserve(floats) {
      if (growTo(memory, floats * 4)) g.f32 = new Float32Array(memory.buffer);
    },
    run(o, cOff, Mp, Np, R, loadC) {
      const load = loadC ? 1 : 0;
      if (closed || Mp < 2 || Mp * Np * R * 32 < minMultiplyAdds || Atomics.load(ctl, READY) !== 1) {
        fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cOff * 4, Mp, Np, R, load);
        return;
      }
      const product = [o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cOff * 4, Mp, Np, R, load, Math.ceil(Mp / CHUNKS)];
      for (let k = 0; k < 13; k++) { args[k] = product[k]!; Atomics.store(ctl, ARGS + k, product[k]!); }
      job = (job + 1) & JOB_MASK;
      Atomics.store(ctl, HELPED, 0);
      Atomics.store(ctl, CLAIM, job * 64);
      Atomics.store(ctl, JOB, job);
      Atomics.notify(ctl, JOB);
      if (helperFirst) while (Atomics.load(ctl, CLAIM) === job * 64) Atomics.wait(ctl, CLAIM, job * 64, 1);
      const chunks = Math.ceil(Mp / args[12]!);
      const theirs = chunks - runChunks(fn, ctl, job, args);
      // Every chunk is claimed; wait only for those the helper is still computing.
      for (let h = Atomics.load(ctl, HELPED); h < theirs; h = Atomics.load(ctl, HELPED)) Atomics.wait(ctl, HELPED, h);
      if (theirs > 0) splitRuns++;
      if (Atomics.load(ctl, FAILED) === 1) {
        closed = true;
        throw new GemmThreadError('the float32 kernel failed on its helper thread');
      }
    },
    close() {
      closed = true;
      Atomics.store(ctl, STOP, 1);
      Atomics.add(ctl, JOB, 1);
      Atomics.notify(ctl, JOB);
      thread.terminate();
    },
  };
  return g;
}

/** The helper thread's side: instantiate the kernel on the shared memory, then help with jobs until stopped. */
export function serveGemmThread(init: GemmThreadInit): void {
  const wasm = (globalThis as { WebAssembly?: SharedWasm }).WebAssembly!;
  const ctl = new Int32Array(init.control);
  let fn: Kernel | null = null;
  try {
    fn = instantiate(wasm, init.bytes, init.memory);
  } catch {
    // Not ready, ever: the owner keeps computing alone.
  }
  Atomics.store(ctl, READY, fn ? 1 : NEVER);
  Atomics.notify(ctl, READY);
  if (!fn) return;
  const args = new Array<number>(13).fill(0);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, JOB, seen);
    seen = Atomics.load(ctl, JOB);
    if (Atomics.load(ctl, STOP) === 1) return;
    // Possibly torn if the owner has moved on; then every claim below fails and nothing runs.
    for (let k = 0; k < 13; k++) args[k] = Atomics.load(ctl, ARGS + k);
    let ran = 0;
    try {
      ran = runChunks(fn, ctl, seen, args);
    } catch {
      Atomics.store(ctl, FAILED, 1);
      ran = 1;
    }
    if (ran > 0) {
      Atomics.add(ctl, HELPED, ran);
      Atomics.notify(ctl, HELPED);
    }
  }
}

let spawner: SpawnThread | null = null;
const kernels = new Map<F32Variant, GemmF32 | null>();

/** The platform says it can start helper threads (cross-origin isolated browser worker, Node). */
export function enableGemmThreads(spawn: SpawnThread): void {
  spawner = spawn;
}

/** The float32 path's kernel: on two threads where enabled and possible, else wasmGemmF32. */
export function fastGemmF32(variant: F32Variant): GemmF32 | null {
  if (!spawner) return wasmGemmF32(variant);
  if (!kernels.has(variant)) kernels.set(variant, twoThreadGemmF32(spawner, variant) ?? wasmGemmF32(variant));
  return kernels.get(variant)!;
}

/** Resolves true once the helper of every two-thread kernel made so far runs; false if none or one cannot. */
export async function gemmThreadsReady(): Promise<boolean> {
  const ready = await Promise.all([...kernels.values()].map((k) => (k && 'ready' in k ? (k as TwoThreadGemmF32).ready : false)));
  return ready.length > 0 && ready.every(Boolean);
}
