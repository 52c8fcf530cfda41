// The WebAssembly path reads most operands in place (flat copies, strided) and works in 4×4 blocks, so
// it reads past the last row and column into whatever the kernel's memory holds. Bit for bit against the
// naive loops on random shapes (odd sizes, sizes just past a block, B rows past the in-place limit),
// with that memory filled with NaN and ∞ first: padding must never reach an output.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { matmulGtX, matmulGW, matmulXWt, setKernelPath } from '../../../engine/kernels/matmul.ts';
import { wasmGemm } from '../../../engine/kernels/wasm-gemm.ts';
import { naiveGtX, naiveGW, naiveXWt } from '../support/naive-matmul.ts';
import { testRng, uniform } from '../support/random.ts';

const rand = (seed: number, n: number): Float64Array => Float64Array.from(uniform(testRng(seed), n, -3, 3));

function poisonKernelMemory(seed: number): void {
  const g = wasmGemm()!;
  g.reserve(1 << 21);
  g.f64.fill(seed % 2 ? NaN : Infinity);
}

function expectBitwise(got: Float64Array, want: Float64Array, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${what}: entry ${i} is ${got[i]}, the naive loop gives ${want[i]}`);
  }
}

function checkAll(B: number, K: number, N: number, seed: number): void {
  const x = rand(seed, B * K), W = rand(seed + 1, N * K), g = rand(seed + 2, B * N), bias = rand(seed + 3, N);
  const tag = `B=${B} K=${K} N=${N}`;
  for (const b of [null, bias]) {
    poisonKernelMemory(seed);
    const y = new Float64Array(B * N).fill(NaN);
    matmulXWt(x, W, y, B, K, N, b);
    expectBitwise(y, naiveXWt(x, W, B, K, N, b), `x·Wᵀ ${tag} bias=${Boolean(b)}`);
  }
  poisonKernelMemory(seed + 1);
  const gx = new Float64Array(B * K).fill(NaN);
  matmulGW(g, W, gx, B, N, K);
  expectBitwise(gx, naiveGW(g, W, B, N, K), `g·W ${tag}`);
  poisonKernelMemory(seed);
  const gW = new Float64Array(N * K).fill(NaN);
  matmulGtX(g, x, gW, B, N, K);
  expectBitwise(gW, naiveGtX(g, x, B, N, K), `gᵀ·x ${tag}`);
  const init = rand(seed + 4, N * K), acc = Float64Array.from(init);
  poisonKernelMemory(seed + 1);
  matmulGtX(g, x, acc, B, N, K, true);
  expectBitwise(acc, naiveGtX(g, x, B, N, K, init), `gᵀ·x accumulate ${tag}`);
}

afterEach(() => setKernelPath('auto'));

describe('the WebAssembly matmul path, bit for bit against the naive loops', () => {
  it('on random shapes, odd sizes included, with the kernel memory poisoned', () => {
    setKernelPath('wasm');
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 1e6 }),
      (B, K, N, seed) => { checkAll(B, K, N, seed); },
    ), { numRuns: 120 });
  });

  it('on shapes whose B rows are longer than the in-place limit (packed) and on the bench\'s layers', () => {
    setKernelPath('wasm');
    for (const [B, K, N] of [[5, 515, 3], [9, 513, 7], [3, 1031, 5], [128, 784, 10], [64, 2, 16], [1, 1, 1], [4, 4, 4], [5, 5, 5]] as const) {
      checkAll(B, K, N, B * 131 + K * 7 + N);
    }
  });

  it('the poisoning reaches the kernel (a negative control: unpoisoned padding is not what makes it pass)', () => {
    setKernelPath('wasm');
    poisonKernelMemory(1);
    expect(Number.isNaN(wasmGemm()!.f64[12345])).toBe(true);
  });
});
