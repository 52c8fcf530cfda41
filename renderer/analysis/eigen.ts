// Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations: each rotation zeroes one
// off-diagonal pair, and the sum of squares off the diagonal falls until it is negligible.
// O(n³) per sweep and usually under ten sweeps: meant for Hessians of a few hundred entries.

export interface SymmetricEigen {
  /** Ascending. */
  readonly values: number[];
  readonly sweeps: number;
}

/** max |A[i][j] − A[j][i]| of an n×n row-major matrix. */
export function asymmetry(n: number, a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m = Math.max(m, Math.abs(a[i * n + j]! - a[j * n + i]!));
  return m;
}

/** Eigenvalues of (A + Aᵀ)/2, so a slightly asymmetric numerical Hessian still gives real values. */
export function symmetricEigenvalues(n: number, input: ArrayLike<number>, maxSweeps = 100): SymmetricEigen {
  if (input.length !== n * n) throw new Error(`expected ${n * n} entries for a ${n}×${n} matrix, got ${input.length}`);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (input[i * n + j]! + input[j * n + i]!) / 2;
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale += a[k]! * a[k]!;
  const tiny = 1e-30 * Math.max(scale, 1e-300);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    if (off <= tiny) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!, aqq = a[q * n + q]!;
        // t = tan θ chosen as the smaller root, so the rotation angle is at most π/4 (stable).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
      }
    }
  }
  const values = Array.from({ length: n }, (_, i) => a[i * n + i]!).sort((x, y) => x - y);
  return { values, sweeps };
}
