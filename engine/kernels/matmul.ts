// Matrix products on row-major Float64Arrays. Large products run on the WebAssembly SIMD kernel
// (wasm-gemm.ts) over copies in its memory (flat where the kernel can stride, packed otherwise); small ones (and hosts without wasm SIMD) use register-blocked
// plain-JS loops, where packing would cost more than it saves. Both paths sum every output in the
// same order as the naive loop (s = 0, then s += a·b over the reduction index), so they agree bitwise.
import { wasmGemm, type Gemm, type GemmOperands } from './wasm-gemm.ts';

/** Below this many multiply-adds packing costs more than SIMD saves (measured: the paths tie near 2–4k). */
export const WASM_MIN_MACS = 1 << 12;

/** Longest row (in doubles) of a B operand the kernel reads in place; longer ones are packed. */
const FLAT_B_MAX_STRIDE = 512;

/** Overrides the path choice; tests use it to compare both paths on the same inputs. */
export type KernelPath = 'auto' | 'js' | 'wasm';
let forced: KernelPath = 'auto';
export function setKernelPath(path: KernelPath): void {
  forced = path;
}

function gemmFor(macs: number): Gemm | null {
  if (forced === 'js') return null;
  if (forced === 'auto' && macs < WASM_MIN_MACS) return null;
  return wasmGemm();
}

/**
 * C[i·N + j] = (C[i·N + j] when accumulate) + Σ_r A(i, r)·B(r, j) (+ bias[j]), with
 * A(i, r) = a[i·ai + r·ar] and B(r, j) = b[r·br + j·bj].
 * An operand the kernel can read in place (A with ai or ar = 1, B with bj = 1) is copied flat into its
 * memory (one native copy); only B with bj ≠ 1 (W in x·Wᵀ) is packed, into panels [R][4]. Rows and
 * columns past M and N read whatever follows (the kernel works in 4×4 blocks): they land in padding of
 * C that is never copied out, and every output still sums s = 0, s += a·b over r in order.
 * `transposed` writes the product out as Cᵀ (C[j·M + i], + bias[i]); it never accumulates.
 */
function gemmWasm(
  g: Gemm, M: number, N: number, R: number,
  a: Float64Array, ai: number, ar: number, b: Float64Array, br: number, bj: number,
  C: Float64Array, accumulate: boolean, bias: Float64Array | null, transposed = false,
): void {
  if (M === 0 || N === 0) return;
  const Mp = (M + 3) >> 2, Np = (N + 3) >> 2, ldc = Np * 4;
  // B rows further apart than FLAT_B_MAX_STRIDE doubles are packed instead: one 32-byte read every few
  // kilobytes defeats the caches (measured: x as B of dW = gᵀx with 784 features ran 15 % slower flat).
  const aFlat = ar === 1 || ai === 1, bFlat = bj === 1 && br <= FLAT_B_MAX_STRIDE;
  // Doubles the kernel may read (padding rows and columns included), rounded up to keep offsets even.
  const even = (n: number): number => (n + 1) & ~1;
  const aSize = even(aFlat ? (ar === 1 ? 4 * Mp * ai + R : R * ar + 4 * Mp) : Mp * R * 4);
  const bSize = even(bFlat ? R * br + 4 * Np : Np * R * 4);
  const aOff = 0, bOff = aSize, cOff = bOff + bSize;
  g.reserve(cOff + Mp * 4 * ldc);
  const f = g.f64;
  if (aFlat) copyFlat(f, aOff, a, (M - 1) * ai + (R - 1) * ar + 1);
  else packPanels(f, aOff, a, M, R, ai, ar);
  if (bFlat) copyFlat(f, bOff, b, (R - 1) * br + (N - 1) * bj + 1);
  else packPanels(f, bOff, b, N, R, bj, br);
  const o = operands; // reused: a product allocates nothing
  o.aPtr = aOff * 8;
  if (!aFlat) { o.aPanel = 32 * R; o.aStep = 32; o.aLane = 8; }
  else if (ar === 1) { o.aPanel = 32 * ai; o.aStep = 8; o.aLane = 8 * ai; }
  else { o.aPanel = 32; o.aStep = 8 * ar; o.aLane = 8; }
  o.bPtr = bOff * 8;
  if (bFlat) { o.bPanel = 32; o.bStep = 8 * br; } else { o.bPanel = 32 * R; o.bStep = 32; }
  if (accumulate) {
    if (ldc === N) f.set(C.subarray(0, M * N), cOff);
    else for (let i = 0; i < M; i++) {
      const src = i * N, dst = cOff + i * ldc;
      for (let j = 0; j < N; j++) f[dst + j] = C[src + j]!;
    }
  }
  g.run(o, cOff, Mp, Np, R, accumulate);
  if (transposed) copyOutTransposed(f, cOff, ldc, C, M, N, bias);
  else if (bias) {
    for (let i = 0; i < M; i++) {
      const src = cOff + i * ldc, dst = i * N;
      for (let j = 0; j < N; j++) C[dst + j] = f[src + j]! + bias[j]!;
    }
  } else if (ldc === N) {
    C.set(f.subarray(cOff, cOff + M * N));
  } else {
    for (let i = 0; i < M; i++) {
      const src = cOff + i * ldc, dst = i * N;
      for (let j = 0; j < N; j++) C[dst + j] = f[src + j]!;
    }
  }
}

/**
 * C[j·M + i] = f[cOff + i·ldc + j] (+ bias[i]): the kernel's M×N result written out as the caller's N×M,
 * four rows at a time so that the writes land side by side (row by row: measured 2.1× slower at 256×128).
 */
function copyOutTransposed(f: Float64Array, cOff: number, ldc: number, C: Float64Array, M: number, N: number, bias: Float64Array | null): void {
  const M4 = M & ~3;
  for (let i = 0; i < M4; i += 4) {
    const s0 = cOff + i * ldc, s1 = s0 + ldc, s2 = s1 + ldc, s3 = s2 + ldc;
    if (bias) {
      const b0 = bias[i]!, b1 = bias[i + 1]!, b2 = bias[i + 2]!, b3 = bias[i + 3]!;
      for (let j = 0, d = i; j < N; j++, d += M) {
        C[d] = f[s0 + j]! + b0; C[d + 1] = f[s1 + j]! + b1; C[d + 2] = f[s2 + j]! + b2; C[d + 3] = f[s3 + j]! + b3;
      }
    } else {
      for (let j = 0, d = i; j < N; j++, d += M) {
        C[d] = f[s0 + j]!; C[d + 1] = f[s1 + j]!; C[d + 2] = f[s2 + j]!; C[d + 3] = f[s3 + j]!;
      }
    }
  }
  for (let i = M4; i < M; i++) {
    const src = cOff + i * ldc;
    if (bias) for (let j = 0, b = bias[i]!; j < N; j++) C[j * M + i] = f[src + j]! + b;
    else for (let j = 0; j < N; j++) C[j * M + i] = f[src + j]!;
  }
}

const operands: { -readonly [K in keyof GemmOperands]: number } = { aPtr: 0, aPanel: 0, aStep: 0, aLane: 0, bPtr: 0, bPanel: 0, bStep: 0 };

/** The first n doubles of src into f at off, as one native copy; R = 0 leaves n ≤ 0: nothing to read. */
function copyFlat(f: Float64Array, off: number, src: Float64Array, n: number): void {
  if (n <= 0) return;
  f.set(n === src.length ? src : src.subarray(0, n), off);
}

/** Panel layout: row t of the operand (t < T) goes to f[off + (t>>2)·R·4 + r·4 + (t&3)]; pad rows are 0. */
function packPanels(f: Float64Array, off: number, src: Float64Array, T: number, R: number, ts: number, rs: number): void {
  const R4 = R * 4;
  const T4 = T & ~3;
  if (rs === 1) {
    // Four source rows at a time: four reads along the rows, four adjacent writes per r (row by row,
    // the writes went 4 apart: measured 1.8× slower on the bench's x of W·xᵀ).
    for (let t = 0; t < T4; t += 4) {
      let d = off + (t >> 2) * R4;
      const s0 = t * ts, s1 = s0 + ts, s2 = s1 + ts, s3 = s2 + ts;
      for (let r = 0; r < R; r++, d += 4) {
        f[d] = src[s0 + r]!; f[d + 1] = src[s1 + r]!; f[d + 2] = src[s2 + r]!; f[d + 3] = src[s3 + r]!;
      }
    }
    for (let t = T4; t < T; t++) {
      const d = off + (t >> 2) * R4 + (t & 3), s = t * ts;
      for (let r = 0; r < R; r++) f[d + r * 4] = src[s + r]!;
    }
  } else if (ts === 1) {
    // Row-major rows packed by blocks of 4 columns: four adjacent reads, four adjacent writes per r
    // (element by element, the writes jumped a panel apart: measured 1.6× slower on x of dW = gᵀx).
    for (let t = 0; t < T4; t += 4) {
      let d = off + (t >> 2) * R4, s = t;
      for (let r = 0; r < R; r++, d += 4, s += rs) {
        f[d] = src[s]!; f[d + 1] = src[s + 1]!; f[d + 2] = src[s + 2]!; f[d + 3] = src[s + 3]!;
      }
    }
    for (let t = T4; t < T; t++) {
      const d = off + (t >> 2) * R4 + (t & 3);
      for (let r = 0; r < R; r++) f[d + r * 4] = src[r * rs + t]!;
    }
  } else {
    for (let r = 0; r < R; r++) {
      const s = r * rs, d = off + r * 4;
      for (let t = 0; t < T; t++) f[d + (t >> 2) * R4 + (t & 3)] = src[s + t * ts]!;
    }
  }
  for (let t = T; t < ((T + 3) & ~3); t++) {
    const d = off + (t >> 2) * R4 + (t & 3);
    for (let r = 0; r < R; r++) f[d + r * 4] = 0;
  }
}

/** y[B,N] = x[B,K] · W[N,K]ᵀ (+ bias[N] when given). Overwrites y. */
export function matmulXWt(
  x: Float64Array, W: Float64Array, y: Float64Array, B: number, K: number, N: number, bias: Float64Array | null,
): void {
  const g = gemmFor(B * K * N);
  // One operand of x·Wᵀ must be packed (both run along k): the smaller. With fewer samples than outputs
  // that is x, as B of yᵀ = W·xᵀ (W flat); each output is still s = 0, s += x·w over k in order.
  if (g && B < N) gemmWasm(g, N, B, K, W, K, 1, x, 1, K, y, false, bias, true);
  else if (g) gemmWasm(g, B, N, K, x, K, 1, W, 1, K, y, false, bias);
  else matmulXWtJs(x, W, y, B, K, N, bias);
}

function matmulXWtJs(
  x: Float64Array, W: Float64Array, y: Float64Array, B: number, K: number, N: number, bias: Float64Array | null,
): void {
  let i = 0;
  for (; i + 4 <= B; i += 4) {
    const x0 = i * K, x1 = x0 + K, x2 = x1 + K, x3 = x2 + K;
    let j = 0;
    for (; j + 2 <= N; j += 2) {
      const w0 = j * K, w1 = w0 + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let k = 0; k < K; k++) {
        const a = W[w0 + k]!, b = W[w1 + k]!;
        const v0 = x[x0 + k]!, v1 = x[x1 + k]!, v2 = x[x2 + k]!, v3 = x[x3 + k]!;
        s00 += v0 * a; s01 += v0 * b; s10 += v1 * a; s11 += v1 * b;
        s20 += v2 * a; s21 += v2 * b; s30 += v3 * a; s31 += v3 * b;
      }
      const b0 = bias ? bias[j]! : 0, b1 = bias ? bias[j + 1]! : 0;
      y[i * N + j] = s00 + b0; y[i * N + j + 1] = s01 + b1;
      y[(i + 1) * N + j] = s10 + b0; y[(i + 1) * N + j + 1] = s11 + b1;
      y[(i + 2) * N + j] = s20 + b0; y[(i + 2) * N + j + 1] = s21 + b1;
      y[(i + 3) * N + j] = s30 + b0; y[(i + 3) * N + j + 1] = s31 + b1;
    }
    for (; j < N; j++) {
      for (let r = 0; r < 4; r++) y[(i + r) * N + j] = dot(x, (i + r) * K, W, j * K, K) + (bias ? bias[j]! : 0);
    }
  }
  for (; i < B; i++) {
    for (let j = 0; j < N; j++) y[i * N + j] = dot(x, i * K, W, j * K, K) + (bias ? bias[j]! : 0);
  }
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}

/** gx[B,K] = g[B,N] · W[N,K]. Overwrites gx. */
export function matmulGW(
  g: Float64Array, W: Float64Array, gx: Float64Array, B: number, N: number, K: number,
): void {
  const gm = gemmFor(B * N * K);
  if (gm) gemmWasm(gm, B, K, N, g, N, 1, W, K, 1, gx, false, null);
  else matmulGWJs(g, W, gx, B, N, K);
}

function matmulGWJs(g: Float64Array, W: Float64Array, gx: Float64Array, B: number, N: number, K: number): void {
  gx.fill(0, 0, B * K);
  let i = 0;
  for (; i + 4 <= B; i += 4) {
    const o0 = i * K, o1 = o0 + K, o2 = o1 + K, o3 = o2 + K;
    for (let n = 0; n < N; n++) {
      const c0 = g[i * N + n]!, c1 = g[(i + 1) * N + n]!, c2 = g[(i + 2) * N + n]!, c3 = g[(i + 3) * N + n]!;
      const w = n * K;
      for (let k = 0; k < K; k++) {
        const wk = W[w + k]!;
        gx[o0 + k] = gx[o0 + k]! + c0 * wk; gx[o1 + k] = gx[o1 + k]! + c1 * wk;
        gx[o2 + k] = gx[o2 + k]! + c2 * wk; gx[o3 + k] = gx[o3 + k]! + c3 * wk;
      }
    }
  }
  for (; i < B; i++) {
    for (let n = 0; n < N; n++) {
      const c = g[i * N + n]!, w = n * K, o = i * K;
      for (let k = 0; k < K; k++) gx[o + k] = gx[o + k]! + c * W[w + k]!;
    }
  }
}

/** gW[N,K] (+)= g[B,N]ᵀ · x[B,K]; sums over the batch. Overwrites gW unless `accumulate`. */
export function matmulGtX(
  g: Float64Array, x: Float64Array, gW: Float64Array, B: number, N: number, K: number, accumulate = false,
): void {
  const gm = gemmFor(B * N * K);
  if (gm) gemmWasm(gm, N, K, B, g, 1, N, x, K, 1, gW, accumulate, null);
  else matmulGtXJs(g, x, gW, B, N, K, accumulate);
}

function matmulGtXJs(g: Float64Array, x: Float64Array, gW: Float64Array, B: number, N: number, K: number, accumulate: boolean): void {
  if (!accumulate) gW.fill(0, 0, N * K);
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const r0 = n * K, r1 = r0 + K, r2 = r1 + K, r3 = r2 + K;
    let i = 0;
    for (; i + 2 <= B; i += 2) {
      const a0 = g[i * N + n]!, a1 = g[i * N + n + 1]!, a2 = g[i * N + n + 2]!, a3 = g[i * N + n + 3]!;
      const b0 = g[(i + 1) * N + n]!, b1 = g[(i + 1) * N + n + 1]!, b2 = g[(i + 1) * N + n + 2]!, b3 = g[(i + 1) * N + n + 3]!;
      const xa = i * K, xb = xa + K;
      for (let k = 0; k < K; k++) {
        const u = x[xa + k]!, v = x[xb + k]!;
        gW[r0 + k] = gW[r0 + k]! + a0 * u + b0 * v; gW[r1 + k] = gW[r1 + k]! + a1 * u + b1 * v;
        gW[r2 + k] = gW[r2 + k]! + a2 * u + b2 * v; gW[r3 + k] = gW[r3 + k]! + a3 * u + b3 * v;
      }
    }
    for (; i < B; i++) {
      const xa = i * K;
      for (let r = 0; r < 4; r++) {
        const c = g[i * N + n + r]!, row = (n + r) * K;
        for (let k = 0; k < K; k++) gW[row + k] = gW[row + k]! + c * x[xa + k]!;
      }
    }
  }
  for (; n < N; n++) {
    const row = n * K;
    for (let i = 0; i < B; i++) {
      const c = g[i * N + n]!, xa = i * K;
      for (let k = 0; k < K; k++) gW[row + k] = gW[row + k]! + c * x[xa + k]!;
    }
  }
}
