// The float32 kernel on two threads (issue 14.3): a helper thread shares the kernel's memory (a shared
// WebAssembly.Memory) and computes the last half of the 4-row blocks of C with the same kernel while
// this thread computes the first half. Each element of C is still one call's sum over r in the same
// order, so results are bit-identical to one thread. The platform starts the thread (a Web Worker where
// the page is cross-origin isolated, a worker_threads Worker in Node) through SpawnThread and runs
// serveGemmThread in it; the engine imports no platform. This thread blocks in Atomics.wait until the
// helper is done, so it must be a worker (a browser's main thread may not wait): the probe says so.
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
 * Smallest product (4·Mp × 8·Np × R multiply-adds, padded) worth waking the helper for. Measured in
 * Node (bench/gemm-threads-threshold.ts): at 2¹⁸ the split was about even with one thread on a loaded
 * 2-core machine; the layers of `mid` are 2²³–2²⁴.
 */
export const TWO_THREAD_MIN_MULTIPLY_ADDS = 1 << 18;
/** 1 GiB: a shared memory declares its maximum up front (address space, not memory). */
const MAX_PAGES = 16384;
// Control words (Int32): job sequence (this thread), done sequence and failure (the helper), ready, stop,
// then the kernel's 12 arguments.
const JOB = 0, DONE = 1, FAILED = 2, READY = 3, STOP = 4, ARGS = 5, WORDS = ARGS + 12;
/** READY's value when the helper could not instantiate the kernel (1 when it runs). */
const NEVER = 2;

interface SharedWasm {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
interface AtomicsAsync { waitAsync?(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }

function instantiate(wasm: SharedWasm, bytes: Uint8Array, memory: WasmMemory): (...args: number[]) => void {
  return new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } }).exports['gemm_f32'] as (...args: number[]) => void;
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
  minMultiplyAdds = TWO_THREAD_MIN_MULTIPLY_ADDS,
): TwoThreadGemmF32 | null {
  const wasm = (globalThis as { WebAssembly?: SharedWasm }).WebAssembly;
  if (!wasm || !canWaitForThreads() || !wasmGemmF32(variant)) return null;
  const bytes = gemmF32ModuleBytes(variant, MAX_PAGES);
  let memory: WasmMemory, fn: (...args: number[]) => void, thread: HelperThread;
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
  let job = 0, alone = false, splitRuns = 0;
  const waitAsync = (Atomics as unknown as AtomicsAsync).waitAsync;
  const ready = (async (): Promise<boolean> => {
    const w = waitAsync?.(ctl, READY, 0);
    if (w?.async) await w.value;
    return Atomics.load(ctl, READY) === 1;
  })();
  const g: TwoThreadGemmF32 = {
    variant,
    f32: new Float32Array(memory.buffer),
    get ready() { return ready; },
    get splitRuns() { return splitRuns; },
    reserve(floats) {
      if (growTo(memory, floats * 4)) g.f32 = new Float32Array(memory.buffer);
    },
    run(o, cOff, Mp, Np, R, loadC) {
      const mine = Mp - (Mp >> 1), cPtr = cOff * 4, load = loadC ? 1 : 0;
      if (alone || Mp < 2 || Mp * Np * R * 32 < minMultiplyAdds || Atomics.load(ctl, READY) !== 1) {
        fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cPtr, Mp, Np, R, load);
        return;
      }
      // The helper takes blocks mine…Mp-1: A and C start that many panels / block rows further on.
      const theirs = [o.aPtr + mine * o.aPanel, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cPtr + mine * 4 * Np * 32, Mp - mine, Np, R, load];
      for (let k = 0; k < 12; k++) ctl[ARGS + k] = theirs[k]!;
      job++;
      Atomics.store(ctl, JOB, job);
      Atomics.notify(ctl, JOB);
      fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cPtr, mine, Np, R, load);
      while (Atomics.load(ctl, DONE) !== job) Atomics.wait(ctl, DONE, job - 1);
      splitRuns++;
      if (Atomics.load(ctl, FAILED) === 1) {
        // The helper threw (it should not): its rows are done here, and it gets no more work.
        alone = true;
        fn(...theirs);
      }
    },
    close() {
      alone = true;
      Atomics.store(ctl, STOP, 1);
      Atomics.add(ctl, JOB, 1);
      Atomics.notify(ctl, JOB);
      thread.terminate();
    },
  };
  return g;
}

/** The helper thread's side: instantiate the kernel on the shared memory, then run jobs until stopped. */
export function serveGemmThread(init: GemmThreadInit): void {
  const wasm = (globalThis as { WebAssembly?: SharedWasm }).WebAssembly!;
  const ctl = new Int32Array(init.control);
  let fn: ((...args: number[]) => void) | null = null;
  try {
    fn = instantiate(wasm, init.bytes, init.memory);
  } catch {
    // Not ready, ever: the owner keeps computing alone.
  }
  Atomics.store(ctl, READY, fn ? 1 : NEVER);
  Atomics.notify(ctl, READY);
  if (!fn) return;
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, JOB, seen);
    seen = Atomics.load(ctl, JOB);
    if (Atomics.load(ctl, STOP) === 1) return;
    try {
      const a = (k: number): number => ctl[ARGS + k]!;
      fn(a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11));
    } catch {
      Atomics.store(ctl, FAILED, 1);
    }
    Atomics.store(ctl, DONE, seen);
    Atomics.notify(ctl, DONE);
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
