// Which operand the WebAssembly path packs: x·Wᵀ with fewer samples than outputs packs x and runs
// yᵀ = W·xᵀ, written out transposed (+ bias); B operands read by blocks of four columns have a ragged
// tail. Bit for bit against the naive loops, NaN and ∞ in the inputs and in the kernel's memory.
import { afterEach, describe, expect, it } from 'vitest';
import { matmulGtX, matmulXWt, setKernelPath } from '../../../engine/kernels/matmul.ts';
import { wasmGemm } from '../../../engine/kernels/wasm-gemm.ts';
import { naiveGtX, naiveXWt } from '../support/naive-matmul.ts';
import { testRng, uniform } from '../support/random.ts';

const rand = (seed: number, n: number): Float64Array => Float64Array.from(uniform(testRng(seed), n, -3, 3));

/** A few entries NaN, ∞ and −∞: they must reach exactly the outputs the naive loop sends them to. */
function withNonFinite(a: Float64Array, seed: number): Float64Array {
  const out = Float64Array.from(a);
  const specials = [NaN, Infinity, -Infinity];
  for (let k = 0; k < 3 && a.length > 0; k++) out[(seed * 7919 + k * 104729) % a.length] = specials[k]!;
  return out;
}

function poisonKernelMemory(seed: number): void {
  const g = wasmGemm()!;
  g.reserve(1 << 21);
  g.f64.fill(seed % 2 ? NaN : -Infinity);
}

function expectBitwise(got: Float64Array, want: Float64Array, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${what}: entry ${i} is ${got[i]}, the naive loop gives ${want[i]}`);
  }
}

afterEach(() => setKernelPath('auto'));

describe('the WebAssembly path\'s operand choice, bit for bit against the naive loops', () => {
  it('x·Wᵀ with fewer samples than outputs (x packed, yᵀ written out transposed), edge blocks and the bench\'s first layer', () => {
    setKernelPath('wasm');
    const shapes = [[1, 1, 2], [1, 3, 5], [3, 9, 8], [5, 7, 9], [4, 4, 5], [7, 13, 64], [2, 515, 6], [128, 784, 256]] as const;
    for (const [B, K, N] of shapes) {
      expect(B).toBeLessThan(N);
      for (const nonFinite of [false, true]) {
        const seed = B * 131 + K * 7 + N;
        const x0 = rand(seed, B * K), W0 = rand(seed + 1, N * K), bias0 = rand(seed + 2, N);
        const x = nonFinite ? withNonFinite(x0, seed) : x0, W = nonFinite ? withNonFinite(W0, seed + 1) : W0;
        for (const bias of [null, nonFinite ? withNonFinite(bias0, seed + 2) : bias0]) {
          poisonKernelMemory(seed);
          const y = new Float64Array(B * N).fill(NaN);
          matmulXWt(x, W, y, B, K, N, bias);
          expectBitwise(y, naiveXWt(x, W, B, K, N, bias), `x·Wᵀ B=${B} K=${K} N=${N} bias=${Boolean(bias)} nonFinite=${nonFinite}`);
        }
      }
    }
  });

  it('gᵀ·x with x rows past the in-place limit, packed four columns at a time with a ragged tail', () => {
    setKernelPath('wasm');
    for (const [B, K, N] of [[3, 513, 4], [5, 514, 3], [2, 515, 5], [7, 516, 2], [128, 784, 9]] as const) {
      const seed = B * 17 + K + N;
      const g = withNonFinite(rand(seed, B * N), seed), x = withNonFinite(rand(seed + 1, B * K), seed + 1);
      poisonKernelMemory(seed);
      const gW = new Float64Array(N * K).fill(NaN);
      matmulGtX(g, x, gW, B, N, K);
      expectBitwise(gW, naiveGtX(g, x, B, N, K), `gᵀ·x B=${B} K=${K} N=${N}`);
      const init = rand(seed + 2, N * K), acc = Float64Array.from(init);
      poisonKernelMemory(seed + 1);
      matmulGtX(g, x, acc, B, N, K, true);
      expectBitwise(acc, naiveGtX(g, x, B, N, K, init), `gᵀ·x accumulate B=${B} K=${K} N=${N}`);
    }
  });
});
