// The float32 kernel on two threads (a worker_threads helper sharing the kernel's memory) gives results
// bit-identical to one thread: random shapes with odd block-row counts, NaN and ±∞ in the operands, all
// three products of linear, both kernel variants. And without a running helper it computes alone.
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../bench/gemm-threads-node.ts';
import { canWaitForThreads, twoThreadGemmF32, type TwoThreadGemmF32 } from '../../../engine/kernels/gemm-threads.ts';
import { matmulGtXF32, matmulGWF32, matmulXWtF32 } from '../../../engine/kernels/matmul-f32.ts';
import { wasmGemmF32, type F32Variant, type GemmF32 } from '../../../engine/kernels/wasm-gemm-f32.ts';
import { testRng, uniform } from '../support/random.ts';

// Node 20 validates relaxed SIMD only behind this flag (process-wide, so the helper thread sees it too).
setFlagsFromString('--experimental-wasm-relaxed-simd');

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 3.4e38, 1e-45];

/** Uniform in [-3, 3], with about one entry in `every` replaced by NaN, ±∞, ±0, the largest or smallest float. */
function operand(seed: number, n: number, every: number): Float64Array {
  const rng = testRng(seed), v = Float64Array.from(uniform(rng, n, -3, 3));
  for (let i = 0; i < n; i++) if (rng() * every < 1) v[i] = SPECIALS[Math.floor(rng() * SPECIALS.length)]!;
  return v;
}

const bits = (v: Float32Array | Float64Array): number[] => Array.from(new Uint32Array(v.buffer, v.byteOffset, v.byteLength / 4));

/** All three products on `one` and on `two`, compared bit for bit. */
function expectSameBits(one: GemmF32, two: GemmF32, B: number, K: number, N: number, seed: number, every: number): void {
  const x = operand(seed, B * K, every), W = Float32Array.from(operand(seed + 1, N * K, every));
  const gy = operand(seed + 2, B * N, every), bias = operand(seed + 3, N, every), init = Float32Array.from(operand(seed + 4, N * K, every));
  const on = (g: GemmF32): (Float32Array | Float64Array)[] => {
    const y = new Float64Array(B * N), gx = new Float32Array(B * K), gW = Float32Array.from(init);
    matmulXWtF32(g, x, W, y, B, K, N, bias);
    matmulGWF32(g, gy, W, gx, B, N, K);
    matmulGtXF32(g, gy, x, gW, B, N, K, true);
    return [y, gx, gW];
  };
  const [a, b] = [on(one), on(two)];
  const tag = `B=${B} K=${K} N=${N} seed=${seed}`;
  for (let p = 0; p < 3; p++) expect(bits(b[p]!), `${['x·Wᵀ+b', 'g·W', 'gᵀ·x accumulate'][p]} ${tag}`).toEqual(bits(a[p]!));
}

describe.each<F32Variant>(['plain', 'fma'])('the float32 products on two threads (%s)', (variant) => {
  let two: TwoThreadGemmF32;
  const one = wasmGemmF32(variant)!;
  beforeAll(async () => {
    // Split every product, however small, and let the helper always compute a chunk, so the edge shapes
    // below go through both threads (a loaded machine could otherwise leave every chunk to this one).
    two = twoThreadGemmF32(spawnNodeThread, variant, { minMultiplyAdds: 0, helperFirst: true })!;
    expect(two).not.toBeNull();
    expect(await two.ready).toBe(true);
  });
  afterAll(() => two.close());

  it('are bit-identical to one thread on random shapes, odd block-row counts and NaN/±∞ included', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 41 }), fc.integer({ min: 1, max: 41 }), fc.integer({ min: 1, max: 41 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(5, 50, 1e9),
      (B, K, N, seed, every) => { expectSameBits(one, two, B, K, N, seed, every); },
    ), { numRuns: 60 });
    expect(two.splitRuns).toBeGreaterThan(60);
  });

  it('are bit-identical on the layers of a real network (784-256-128, batch 64) and odd sizes around them', () => {
    const before = two.splitRuns;
    for (const [B, K, N] of [[64, 784, 256], [64, 256, 128], [13, 785, 255], [9, 1030, 3], [21, 5, 37]] as const) expectSameBits(one, two, B, K, N, B + K + N, 200);
    expect(two.splitRuns - before).toBe(14); // 5 × 3 products, less gᵀ·x of N = 3: one block row, nothing to split
  });
});

describe('without a running helper', () => {
  it('computes everything on this thread, with the same bits', () => {
    const silent = twoThreadGemmF32(() => ({ postMessage: () => undefined, terminate: () => undefined }), 'plain', { minMultiplyAdds: 0 })!;
    expectSameBits(wasmGemmF32('plain')!, silent, 19, 33, 17, 7, 20);
    expect(silent.splitRuns).toBe(0);
    silent.close();
  });

  it('this thread may wait for another here (Node), so the platform check passes', () => {
    expect(canWaitForThreads()).toBe(true);
  });
});
