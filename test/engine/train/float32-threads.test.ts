// The float32 path with its products on two threads (enableGemmThreads, a worker_threads helper) trains
// bit for bit as on one thread: same losses, same gradients, same parameters after SGD steps on `mid`.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compileGraph, enableGemmThreads, Float32Params, type Program } from '../../../engine/index.ts';
import { fastGemmF32, gemmThreadsReady, type TwoThreadGemmF32 } from '../../../engine/kernels/gemm-threads.ts';
import { mlpGraph, workload } from '../../../bench/graphs.ts';
import { spawnNodeThread } from '../../../bench/gemm-threads-node.ts';

setFlagsFromString('--experimental-wasm-relaxed-simd'); // the fused kernel, as in Chromium

function fastPath(): { program: Program; f32: Float32Params } {
  const g = mlpGraph(workload('mid'));
  const exact = compileGraph(g, { dataGradients: false });
  const f32 = Float32Params.create(exact);
  if (!(f32 instanceof Float32Params)) throw new Error(f32.message);
  return { program: compileGraph(g, { dataGradients: false, params: exact.params, modules: f32.modules }), f32 };
}

/** Losses and final parameters (as bits) of `steps` SGD steps. */
function train({ program, f32 }: ReturnType<typeof fastPath>, steps: number): { losses: number[]; params: number[][] } {
  const params = f32.owners.map((o) => o.value.data), grads = f32.gradsOf(program), losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    losses.push(program.run()!);
    params.forEach((p, i) => { const g = grads[i]!; for (let k = 0; k < p.length; k++) p[k] = p[k]! - 0.05 * g[k]!; });
  }
  return { losses, params: params.map((p) => Array.from(new Uint32Array(p.buffer, p.byteOffset, p.length))) };
}

describe('float32 training on two threads', () => {
  it('gives the one-thread losses and parameters bit for bit (784-256-128-10, batch 128)', async () => {
    const one = fastPath(); // before threads are enabled: the one-thread kernel
    enableGemmThreads(spawnNodeThread);
    const two = fastPath();
    expect(await gemmThreadsReady()).toBe(true);
    const a = train(one, 4), b = train(two, 4);
    expect(b.losses).toEqual(a.losses);
    b.params.forEach((p, i) => expect(p, `parameter ${i}`).toEqual(a.params[i]));
    const kernel = fastGemmF32(two.f32.variant) as TwoThreadGemmF32;
    // The helper computed part of some of the 24 products (it wakes in microseconds; a product takes ~1 ms).
    expect(kernel.splitRuns).toBeGreaterThan(0);
  });
});
