// The three products of a linear layer on the float32 kernel (wasm-gemm-f32.ts), for the fast
// training path. Operands may be float64 (activations, gradients of the exact frames) or float32
// (the fast path's parameters): each is converted on its one native copy into the kernel's memory
// (TypedArray.set), and results are converted on the copy out. The kernel works in 4×8 blocks and reads
// past the last row and column into whatever its memory holds; that lands only in padding of C, never
// copied out. No plain-JS fallback: without the kernel the fast path is not offered at all.
import type { Floats } from '../tensor.ts';
import type { GemmOperands } from './wasm-gemm.ts';
import type { GemmF32 } from './wasm-gemm-f32.ts';

const operands: { -readonly [K in keyof GemmOperands]: number } = { aPtr: 0, aPanel: 0, aStep: 0, aLane: 0, bPtr: 0, bPanel: 0, bStep: 0 };
const up4 = (n: number): number => (n + 3) & ~3;

/**
 * C[i·N + j] = (C[i·N + j] when accumulate) + Σ_r A(i, r)·B(r, j) (+ bias[j]), in float32, with
 * A(i, r) = a[i·ai + r·ar] and B(r, j) = b[r·br + j·bj]. A is always read in place (ai or ar is 1 in
 * every product here), B too when bj = 1; only W of x·Wᵀ is packed, and it is always float32 (so the
 * packing loop sees one array type).
 */
function gemmF32(
  g: GemmF32, M: number, N: number, R: number,
  a: Floats, ai: number, ar: number, b: Floats, br: number, bj: number,
  C: Floats, accumulate: boolean, bias: Floats | null,
): void {
  if (M === 0 || N === 0) return;
  const Mp = (M + 3) >> 2, Np = (N + 7) >> 3, ldc = Np * 8;
  const bFlat = bj === 1; // long rows read in place ran as fast as packed ones here (784 floats: 1.46 ms both)
  const aSize = up4(ar === 1 ? 4 * Mp * ai + R : R * ar + 4 * Mp);
  const bSize = up4(bFlat ? R * br + 8 * Np : Np * R * 8);
  const aOff = 0, bOff = aSize, cOff = bOff + bSize;
  g.reserve(cOff + Mp * 4 * ldc);
  const f = g.f32;
  copyFlat(f, aOff, a, (M - 1) * ai + (R - 1) * ar + 1);
  if (bFlat) copyFlat(f, bOff, b, (R - 1) * br + (N - 1) * bj + 1);
  else if (b instanceof Float32Array) packPanels(f, bOff, b, N, R, bj, br);
  else throw new Error('float32 gemm: only a float32 operand is packed');
  const o = operands;
  o.aPtr = aOff * 4;
  if (ar === 1) { o.aPanel = 16 * ai; o.aStep = 4; o.aLane = 4 * ai; }
  else { o.aPanel = 16; o.aStep = 4 * ar; o.aLane = 4; }
  o.bPtr = bOff * 4;
  if (bFlat) { o.bPanel = 32; o.bStep = 4 * br; } else { o.bPanel = 32 * R; o.bStep = 32; }
  if (accumulate) for (let i = 0; i < M; i++) f.set(C.subarray(i * N, i * N + N), cOff + i * ldc);
  g.run(o, cOff, Mp, Np, R, accumulate);
  if (bias) {
    for (let i = 0; i < M; i++) {
      const src = cOff + i * ldc, dst = i * N;
      for (let j = 0; j < N; j++) C[dst + j] = f[src + j]! + bias[j]!;
    }
  } else if (ldc === N) {
    C.set(f.subarray(cOff, cOff + M * N));
  } else {
    for (let i = 0; i < M; i++) C.set(f.subarray(cOff + i * ldc, cOff + i * ldc + N), i * N);
  }
}

function copyFlat(f: Float32Array, off: number, src: Floats, n: number): void {
  if (n <= 0) return;
  f.set(n === src.length ? src : src.subarray(0, n), off);
}

/** Panels [R][8]: row t of the operand goes to f[off + (t>>3)·8R + r·8 + (t&7)]; pad rows are 0. */
function packPanels(f: Float32Array, off: number, src: Float32Array, T: number, R: number, ts: number, rs: number): void {
  const R8 = R * 8;
  for (let t = 0; t < T; t++) {
    const d = off + (t >> 3) * R8 + (t & 7), s = t * ts;
    for (let r = 0; r < R; r++) f[d + r * 8] = src[s + r * rs]!;
  }
  for (let t = T; t < ((T + 7) & ~7); t++) {
    const d = off + (t >> 3) * R8 + (t & 7);
    for (let r = 0; r < R; r++) f[d + r * 8] = 0;
  }
}

/** y[B,N] = x[B,K] · W[N,K]ᵀ (+ bias[N]). Overwrites y. */
export function matmulXWtF32(g: GemmF32, x: Floats, W: Float32Array, y: Floats, B: number, K: number, N: number, bias: Floats | null): void {
  gemmF32(g, B, N, K, x, K, 1, W, 1, K, y, false, bias);
}

/** gx[B,K] = gy[B,N] · W[N,K]. Overwrites gx. */
export function matmulGWF32(g: GemmF32, gy: Floats, W: Floats, gx: Floats, B: number, N: number, K: number): void {
  gemmF32(g, B, K, N, gy, N, 1, W, K, 1, gx, false, null);
}

/** gW[N,K] (+)= gy[B,N]ᵀ · x[B,K], summed over the batch. Overwrites gW unless `accumulate`. */
export function matmulGtXF32(g: GemmF32, gy: Floats, x: Floats, gW: Floats, B: number, N: number, K: number, accumulate = false): void {
  gemmF32(g, N, K, B, gy, 1, N, x, K, 1, gW, accumulate, null);
}
