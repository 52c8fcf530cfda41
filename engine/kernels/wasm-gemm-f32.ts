// The float32 kernel of the fast training path: C = A·B in 4×8 blocks, four f32 lanes per instruction,
// on the same strided operands as the exact f64x2 kernel (wasm-gemm.ts; both come from the one loop in
// wasm-emit.ts). Where the runtime validates relaxed SIMD each step is f32x4.relaxed_madd (fused where
// the CPU has FMA: one rounding), elsewhere f32x4.mul then f32x4.add. Not bit-identical to anything:
// only the float32 path uses it, and its parameters go back to float64 before anyone inspects a number.
// Readable source: wasm-gemm-f32.wat (the plain variant; the fused one is the same text with each
// (f32x4.add acc (f32x4.mul a b)) written (f32x4.relaxed_madd a b acc)), checked by a test.
import { blockedGemmBody, gemmModule, growTo, instantiateGemm, simd } from './wasm-emit.ts';
import { relaxedSimdAvailable, type GemmOperands } from './wasm-gemm.ts';

/** Plain mul-then-add, or relaxed_madd. */
export type F32Variant = 'plain' | 'fma';

export interface GemmF32 {
  readonly variant: F32Variant;
  /** The kernel's memory as floats; replaced when the memory grows. */
  f32: Float32Array;
  /** Makes room for `floats` floats (grows, never shrinks). */
  reserve(floats: number): void;
  /**
   * C[(4ip+ii)·8Np + 8jp+jj] (=, or += when loadC) Σ_r A(4ip+ii, r)·B(r, 8jp+jj) for ip < Mp, jp < Np.
   * Offsets in `o` are bytes (A entries and B rows of floats: B(r, 8jp…8jp+7) at bPtr + jp·bPanel +
   * r·bStep); cOff is in floats and a multiple of 4.
   */
  run(o: GemmOperands, cOff: number, Mp: number, Np: number, R: number, loadC: boolean): void;
}

const F32X4_ADD = simd(228), F32X4_MUL = simd(230), F32X4_RELAXED_MADD = simd(0x105);
const splat = simd(0x09, 2, 0); // v128.load32_splat

export function gemmF32ModuleBytes(variant: F32Variant, sharedMaxPages?: number): Uint8Array {
  const mulAdd = variant === 'fma'
    ? (acc: number[], a: number[], b: number[]): number[] => [...a, ...b, ...acc, ...F32X4_RELAXED_MADD]
    : (acc: number[], a: number[], b: number[]): number[] => [...acc, ...a, ...b, ...F32X4_MUL, ...F32X4_ADD];
  return gemmModule('gemm_f32', blockedGemmBody({ splat, mulAdd }), sharedMaxPages);
}

const cached = new Map<F32Variant, GemmF32 | null>();

/**
 * The float32 kernel: by default the fused variant where relaxed SIMD validates, else the plain one;
 * null where WebAssembly SIMD is unavailable (the fast path then falls back to the exact one).
 */
export function wasmGemmF32(variant: F32Variant = relaxedSimdAvailable() ? 'fma' : 'plain'): GemmF32 | null {
  if (cached.has(variant)) return cached.get(variant)!;
  const k = instantiateGemm(gemmF32ModuleBytes(variant), 'gemm_f32');
  let g: GemmF32 | null = null;
  if (k) {
    const { memory, fn } = k;
    g = {
      variant,
      f32: new Float32Array(memory.buffer),
      reserve(floats) {
        if (growTo(memory, floats * 4)) g!.f32 = new Float32Array(memory.buffer);
      },
      run(o, cOff, Mp, Np, R, loadC) {
        fn(o.aPtr, o.aPanel, o.aStep, o.aLane, o.bPtr, o.bPanel, o.bStep, cOff * 4, Mp, Np, R, loadC ? 1 : 0);
      },
    };
  }
  cached.set(variant, g);
  return g;
}
