// The float32 kernel (fast training path): its .wat source assembles to the emitter's bytes (both
// variants), and both variants equal a float64 reference to float32 accuracy on random shapes, edge
// blocks included (M, N, K not multiples of 4 or 8), with the kernel memory poisoned.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleWat } from '../support/assemble-wat.ts';
import { matmulGtXF32, matmulGWF32, matmulXWtF32 } from '../../../engine/kernels/matmul-f32.ts';
import { gemmF32ModuleBytes, wasmGemmF32, type F32Variant, type GemmF32 } from '../../../engine/kernels/wasm-gemm-f32.ts';
import { naiveGtX, naiveGW, naiveXWt } from '../support/naive-matmul.ts';
import { testRng, uniform } from '../support/random.ts';

// Node 20 validates relaxed SIMD only behind this flag (Chromium and Electron: by default).
setFlagsFromString('--experimental-wasm-relaxed-simd');

const plainSource = readFileSync(new URL('../../../engine/kernels/wasm-gemm-f32.wat', import.meta.url), 'utf8');
/** The fused variant's text, as the .wat's header defines it. */
const fmaSource = plainSource.replace(
  /\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g,
  '(f32x4.relaxed_madd (local.get $2) (local.get $3) (local.get $1))',
);

const assemble = (text: string): Promise<Uint8Array> => assembleWat('wasm-gemm-f32.wat', text);

describe('the float32 kernel source', () => {
  it('assembles to exactly the bytes the emitter produces, plain and fused', async () => {
    expect(fmaSource.match(/\(local\.set \$c\d\d \(f32x4\.relaxed_madd/g)).toHaveLength(8);
    expect(Array.from(await assemble(plainSource))).toEqual(Array.from(gemmF32ModuleBytes('plain')));
    expect(Array.from(await assemble(fmaSource))).toEqual(Array.from(gemmF32ModuleBytes('fma')));
  });

  it('a change to the source changes the bytes (the comparison can fail)', async () => {
    const swapped = plainSource.replace('(f32x4.mul (local.get $av) (local.get $b0))', '(f32x4.mul (local.get $b0) (local.get $av))');
    expect(swapped).not.toBe(plainSource);
    expect(Array.from(await assemble(swapped))).not.toEqual(Array.from(gemmF32ModuleBytes('plain')));
  });
});

const rand = (seed: number, n: number): Float64Array => Float64Array.from(uniform(testRng(seed), n, -3, 3));

/** |got − want| ≤ tol · Σ|terms|, the scale of float32 rounding of a sum (cancellation does not shrink it). */
function expectClose(got: Float32Array | Float64Array, want: Float64Array, scale: Float64Array, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i]! - want[i]!);
    if (!(err <= 1e-5 * scale[i]! + 1e-30)) throw new Error(`${what}: entry ${i} is ${got[i]}, float64 gives ${want[i]} (error ${err}, scale ${scale[i]})`);
  }
}

const abs = (v: Float64Array): Float64Array => v.map(Math.abs);

function checkAll(g: GemmF32, B: number, K: number, N: number, seed: number): void {
  const x = rand(seed, B * K), W = rand(seed + 1, N * K), gy = rand(seed + 2, B * N), bias = rand(seed + 3, N);
  const tag = `${g.variant} B=${B} K=${K} N=${N}`;
  const poison = (): void => { g.reserve(1 << 20); g.f32.fill(seed % 2 ? NaN : Infinity); };
  poison();
  const y = new Float64Array(B * N).fill(NaN);
  matmulXWtF32(g, x, Float32Array.from(W), y, B, K, N, bias);
  const yScale = naiveXWt(abs(x), abs(W), B, K, N, abs(bias));
  expectClose(y, naiveXWt(x, W, B, K, N, bias), yScale, `x·Wᵀ+b ${tag}`);
  poison();
  const gx = new Float32Array(B * K).fill(NaN);
  matmulGWF32(g, gy, W, gx, B, N, K);
  expectClose(gx, naiveGW(gy, W, B, N, K), naiveGW(abs(gy), abs(W), B, N, K), `g·W ${tag}`);
  const init = rand(seed + 4, N * K), acc = Float32Array.from(init);
  poison();
  matmulGtXF32(g, gy, x, acc, B, N, K, true);
  expectClose(acc, naiveGtX(gy, x, B, N, K, init), naiveGtX(abs(gy), abs(x), B, N, K, abs(init)), `gᵀ·x accumulate ${tag}`);
}

describe.each<F32Variant>(['plain', 'fma'])('the float32 products (%s), against float64', (variant) => {
  const g = wasmGemmF32(variant)!;
  it('runs here', () => {
    expect(g).not.toBeNull();
    expect(g.variant).toBe(variant);
  });

  it('agree to float32 accuracy on random shapes, edge blocks included', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 45 }), fc.integer({ min: 0, max: 1e6 }),
      (B, K, N, seed) => { checkAll(g, B, K, N, seed); },
    ), { numRuns: 80 });
  });

  it('on blocks just past the tile (4·8 ± 1) and long rows', () => {
    for (const [B, K, N] of [[5, 9, 9], [3, 7, 17], [4, 8, 8], [33, 1100, 7], [9, 3, 1030]] as const) checkAll(g, B, K, N, B + K + N);
  });
});
