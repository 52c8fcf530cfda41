// Register-blocked matrix products on row-major Float64Arrays. Blocking keeps operands in registers
// and L1: about 5x faster than the naive triple loop for the layer sizes we train.

/** y[B,N] = x[B,K] · W[N,K]ᵀ (+ bias[N] when given). Overwrites y. */
export function matmulXWt(
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
