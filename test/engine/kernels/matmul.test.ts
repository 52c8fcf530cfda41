// The blocked (and wasm) matrix kernels against naive triple loops, for many shapes including ones
// that are not multiples of the 4×2 / 4-row blocks. Kernels are internal, so imported directly.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { matmulGtX, matmulGW, matmulXWt, setKernelPath, WASM_MIN_MACS, type KernelPath } from '../../../engine/kernels/matmul.ts';
import { wasmGemm } from '../../../engine/kernels/wasm-gemm.ts';
import { testRng, uniform } from '../support/random.ts';
import { naiveGtX, naiveGW, naiveXWt } from '../support/naive-matmul.ts';

const rand = (seed: number, n: number): Float64Array => Float64Array.from(uniform(testRng(seed), n, -2, 2));

/** Reduction length R bounds the rounding difference between summation orders. */
function expectNear(actual: Float64Array, expected: Float64Array, R: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!), `entry ${i}`).toBeLessThanOrEqual(1e-15 * 8 * (R + 1) * 4);
  }
}

const dims = fc.tuple(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }), fc.integer());

afterEach(() => setKernelPath('auto'));

describe.each(['auto', 'js', 'wasm'] as KernelPath[])('matmul kernels (%s path)', (path) => {
  it('matmulXWt equals x Wᵀ + b, with and without bias', () => {
    setKernelPath(path);
    fc.assert(fc.property(dims, fc.boolean(), ([B, K, N, seed], withBias) => {
      const x = rand(seed, B * K), W = rand(seed + 1, N * K), b = withBias ? rand(seed + 2, N) : null;
      const y = new Float64Array(B * N).fill(NaN); // overwritten, never read
      matmulXWt(x, W, y, B, K, N, b);
      expectNear(y, naiveXWt(x, W, B, K, N, b), K);
    }), { numRuns: 150 });
  });

  it('matmulGW equals g W and overwrites its output', () => {
    setKernelPath(path);
    fc.assert(fc.property(dims, ([B, N, K, seed]) => {
      const g = rand(seed, B * N), W = rand(seed + 1, N * K);
      const gx = new Float64Array(B * K).fill(123);
      matmulGW(g, W, gx, B, N, K);
      expectNear(gx, naiveGW(g, W, B, N, K), N);
    }), { numRuns: 150 });
  });

  it('matmulGtX equals gᵀ x summed over the batch, and adds to its output when accumulating', () => {
    setKernelPath(path);
    fc.assert(fc.property(dims, ([B, N, K, seed]) => {
      const g = rand(seed, B * N), x = rand(seed + 1, B * K);
      const gW = new Float64Array(N * K).fill(7);
      matmulGtX(g, x, gW, B, N, K);
      const expected = naiveGtX(g, x, B, N, K);
      expectNear(gW, expected, B);
      matmulGtX(g, x, gW, B, N, K, true);
      expectNear(gW, expected.map((v) => 2 * v), B);
    }), { numRuns: 150 });
  });

  it('handles shapes large enough for the wasm path (above WASM_MIN_MACS)', () => {
    setKernelPath(path);
    const [B, K, N] = [37, 29, 23];
    expect(B * K * N).toBeGreaterThan(WASM_MIN_MACS);
    const x = rand(1, B * K), W = rand(2, N * K), b = rand(3, N), g = rand(4, B * N);
    const y = new Float64Array(B * N), gx = new Float64Array(B * K), gW = new Float64Array(N * K);
    matmulXWt(x, W, y, B, K, N, b);
    matmulGW(g, W, gx, B, N, K);
    matmulGtX(g, x, gW, B, N, K);
    expectNear(y, naiveXWt(x, W, B, K, N, b), K);
    expectNear(gx, naiveGW(g, W, B, N, K), N);
    expectNear(gW, naiveGtX(g, x, B, N, K), B);
  });
});

// matmul.ts states that both paths sum in the naive loop's order "so they agree bitwise": check it,
// since results would otherwise change in the last bits when a layer crosses WASM_MIN_MACS.
describe('matmul kernels: js and wasm paths agree bitwise', () => {
  const run = (path: KernelPath, B: number, N: number, K: number) => {
    setKernelPath(path);
    const x = rand(5, B * K), W = rand(6, N * K), g = rand(7, B * N);
    const y = new Float64Array(B * N), gx = new Float64Array(B * K), gW = new Float64Array(N * K);
    matmulXWt(x, W, y, B, K, N, null);
    matmulGW(g, W, gx, B, N, K);
    matmulGtX(g, x, gW, B, N, K);
    return { y: Array.from(y), gx: Array.from(gx), gW: Array.from(gW) };
  };

  it('WebAssembly SIMD is available here, so the wasm path really runs', () => {
    expect(wasmGemm()).not.toBeNull();
  });

  it.each([[6, 5, 7], [8, 8, 8], [33, 17, 9]])('for B=%i, N=%i, K=%i, and both equal the naive loops exactly', (B, N, K) => {
    const js = run('js', B, N, K), wasm = run('wasm', B, N, K);
    const x = rand(5, B * K), W = rand(6, N * K), g = rand(7, B * N);
    expect(js.y).toEqual(Array.from(naiveXWt(x, W, B, K, N, null)));
    expect(js.gx).toEqual(Array.from(naiveGW(g, W, B, N, K)));
    expect(js.gW).toEqual(Array.from(naiveGtX(g, x, B, N, K)));
    expect(wasm.y).toEqual(js.y);
    expect(wasm.gx).toEqual(js.gx);
    expect(wasm.gW).toEqual(js.gW);
  });
});
