// Float comparisons with a mixed absolute/relative tolerance and a message that names the entry.
import { expect } from 'vitest';

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = 'value'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const scale = Math.max(1, Math.abs(a), Math.abs(e));
    if (!(Math.abs(a - e) <= tol * scale)) {
      expect.fail(`${what}[${i}]: got ${a}, expected ${e} (tolerance ${tol})`);
    }
  }
}

export function expectScalarClose(actual: number, expected: number, tol: number, what = 'value'): void {
  expectClose([actual], [expected], tol, what);
}
