// Naive triple loops: the reference every matrix kernel is checked against (tests and `npm run bench:check`).
// Each output sums in the plain order s = init; s += a·b, which the kernels reproduce bit for bit.

export function naiveXWt(x: Float64Array, W: Float64Array, B: number, K: number, N: number, bias: Float64Array | null): Float64Array {
  const y = new Float64Array(B * N);
  for (let i = 0; i < B; i++) for (let n = 0; n < N; n++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += x[i * K + k]! * W[n * K + k]!;
    y[i * N + n] = s + (bias ? bias[n]! : 0);
  }
  return y;
}

export function naiveGW(g: Float64Array, W: Float64Array, B: number, N: number, K: number): Float64Array {
  const gx = new Float64Array(B * K);
  for (let i = 0; i < B; i++) for (let k = 0; k < K; k++) {
    let s = 0;
    for (let n = 0; n < N; n++) s += g[i * N + n]! * W[n * K + k]!;
    gx[i * K + k] = s;
  }
  return gx;
}

/** gW = gᵀx, starting from `init` (the accumulate mode) when given. */
export function naiveGtX(g: Float64Array, x: Float64Array, B: number, N: number, K: number, init: Float64Array | null = null): Float64Array {
  const gW = new Float64Array(N * K);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) {
    let s = init ? init[n * K + k]! : 0;
    for (let i = 0; i < B; i++) s += g[i * N + n]! * x[i * K + k]!;
    gW[n * K + k] = s;
  }
  return gW;
}
