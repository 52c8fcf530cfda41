// A tiny WebAssembly SIMD kernel (f64x2) for C = A·B on strided operands (row-major, column-major or
// packed panels, so most operands need only a flat copy into its memory), emitted byte by byte so the
// engine stays pure TypeScript with no build step. Read it in wasm-gemm.wat beside this file: a test
// assembles that text and checks it gives exactly these bytes. Each output is summed in the same
// order as the scalar loop s = 0; for r: s += a·b (wasm never fuses multiply-add), so results are
// bit-identical to it. Plain JS tops out near 5 GFLOP/s here (one scalar multiply and one add per
// cycle); two lanes per instruction roughly double that.

import { blockedGemmBody, END, gemmModule, get, growTo, instantiateGemm, section, simd, uleb, V128, wasmValidates } from './wasm-emit.ts';

/**
 * Operand layouts, all in bytes: row block ip of A starts at aPtr + ip·aPanel, and A(4ip+ii, r) is the
 * double at that start + r·aStep + ii·aLane; column block jp of B starts at bPtr + jp·bPanel, and
 * B(r, 4jp…4jp+3) are the four doubles at that start + r·bStep. So A can be row-major (aStep 8, aLane
 * the row length), column-major (aStep the column length, aLane 8) or packed panels; B row-major
 * (bPanel 32, bStep the row length) or packed panels [R][4] (bPanel 32R, bStep 32).
 */
export interface GemmOperands {
  readonly aPtr: number; readonly aPanel: number; readonly aStep: number; readonly aLane: number;
  readonly bPtr: number; readonly bPanel: number; readonly bStep: number;
}

export interface Gemm {
  /** The kernel's memory as doubles; replaced when the memory grows. */
  f64: Float64Array;
  /** Makes room for `doubles` doubles (grows once, never shrinks). */
  reserve(doubles: number): void;
  /**
   * C[(4ip+ii)·4Np + 4jp+jj] (=, or += when loadC) Σ_r A(4ip+ii, r)·B(r, 4jp+jj) for ip < Mp, jp < Np,
   * in the order r = 0…R−1. Offsets in `o` are bytes; cOff is in doubles and must be even.
   */
  run(o: GemmOperands, cOff: number, Mp: number, Np: number, R: number, loadC: boolean): void;
}

const F64X2_ADD = simd(240), F64X2_MUL = simd(242);

/** acc + a·b as a multiply, rounded, then an add, rounded: never fused, so the naive loop's bits. */
const f64Lanes = {
  splat: simd(0x0a, 3, 0), // v128.load64_splat
  mulAdd: (acc: number[], a: number[], b: number[]): number[] => [...acc, ...a, ...b, ...F64X2_MUL, ...F64X2_ADD],
};

export function gemmModuleBytes(): Uint8Array {
  return gemmModule('gemm', blockedGemmBody(f64Lanes));
}

let cached: Gemm | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers fall back to plain JS). */
export function wasmGemm(): Gemm | null {
  if (cached !== undefined) return cached;
  const k = instantiateGemm(gemmModuleBytes(), 'gemm');
  if (!k) return (cached = null);
  const { memory, fn } = k;
  const g: Gemm = {
    f64: new Float64Array(memory.buffer),
    reserve(doubles) {
      if (growTo(memory, doubles * 8)) g.f64 = new Float64Array(memory.buffer);
    },
    run(o, cOff, Mp, Np, R, loadC) {
      fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cOff * 8, Mp, Np, R, loadC ? 1 : 0);
    },
  };
  return (cached = g);
}

let relaxed: boolean | undefined;

/**
 * Whether this runtime validates relaxed SIMD (f32x4.relaxed_madd): on by default in Chromium and
 * Electron, behind --experimental-wasm-relaxed-simd in Node 20. The exact float64 path never uses it
 * (a fused multiply-add rounds once, the naive loop twice); the float32 kernel does (wasm-gemm-f32.ts).
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxed !== undefined) return relaxed;
  // (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)
  const body = [0, ...get(0), ...get(1), ...get(2), ...simd(0x105), ...END];
  return (relaxed = wasmValidates(new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 3, V128, V128, V128, 1, V128]),
    ...section(3, [1, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ])));
}
