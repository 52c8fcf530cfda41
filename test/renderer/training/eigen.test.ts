// The Jacobi routine against matrices whose spectra are known in closed form or by construction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asymmetry, symmetricEigenvalues } from '../../../renderer/analysis/eigen.ts';

/** Q·diag(λ)·Qᵀ for Q a product of Givens rotations: a dense matrix with a chosen spectrum. */
function withSpectrum(lambda: number[], angles: number[]): number[] {
  const n = lambda.length;
  const q: number[] = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
  angles.forEach((angle, r) => {
    const i = r % n, j = (r + 1 + Math.floor(r / n)) % n;
    if (i === j) return;
    const c = Math.cos(angle), s = Math.sin(angle);
    for (let k = 0; k < n; k++) {
      const qi = q[k * n + i]!, qj = q[k * n + j]!;
      q[k * n + i] = c * qi - s * qj;
      q[k * n + j] = s * qi + c * qj;
    }
  });
  const a = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j]! += q[i * n + k]! * lambda[k]! * q[j * n + k]!;
  return a;
}

describe('symmetricEigenvalues', () => {
  it('finds 1 and 3 for [[2,1],[1,2]]', () => {
    const { values } = symmetricEigenvalues(2, [2, 1, 1, 2]);
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);
  });

  it('finds 2 − √2, 2, 2 + √2 for the 3×3 second-difference matrix', () => {
    const { values } = symmetricEigenvalues(3, [2, -1, 0, -1, 2, -1, 0, -1, 2]);
    [2 - Math.SQRT2, 2, 2 + Math.SQRT2].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 12));
  });

  it('returns a diagonal matrix\'s entries sorted, in zero sweeps', () => {
    const r = symmetricEigenvalues(3, [5, 0, 0, 0, -1, 0, 0, 0, 2]);
    expect(r.values).toEqual([-1, 2, 5]);
    expect(r.sweeps).toBe(0);
  });

  it('uses the symmetric part of an asymmetric input', () => {
    // [[0,2],[0,0]] has symmetric part [[0,1],[1,0]] with eigenvalues ±1.
    const { values } = symmetricEigenvalues(2, [0, 2, 0, 0]);
    expect(values[0]).toBeCloseTo(-1, 12);
    expect(values[1]).toBeCloseTo(1, 12);
  });

  it('recovers any chosen spectrum of a rotated dense matrix', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 0, maxLength: 20 }),
      (lambda, angles) => {
        const { values } = symmetricEigenvalues(lambda.length, withSpectrum(lambda, angles));
        const want = [...lambda].sort((x, y) => x - y);
        values.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-9));
      },
    ), { numRuns: 200 });
  });

  it('rejects a data array of the wrong length', () => {
    expect(() => symmetricEigenvalues(2, [1, 2, 3])).toThrow(/4 entries/);
  });
});

describe('asymmetry', () => {
  it('is the largest |A − Aᵀ| entry and zero for a symmetric matrix', () => {
    expect(asymmetry(2, [1, 2, 2.5, 1])).toBeCloseTo(0.5, 15);
    expect(asymmetry(3, [2, -1, 0, -1, 2, -1, 0, -1, 2])).toBe(0);
  });
});
