// Number formatting is what students read: check the compact forms and that no digit is lost beyond rounding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, summarizeTensor, tensorNorm, texNumber } from '../../../interop/notation/format.ts';

/** Reads "1.5\times10^{4}", "10^{-7}" or "0.25" back into a number. */
function parseTex(s: string): number {
  const m = /^(-?[\d.]+)?(?:\\times)?(?:(-?)10\^\{(-?\d+)\})?$/.exec(s);
  if (!m) throw new Error(`not a TeX number: ${s}`);
  const mantissa = m[1] !== undefined ? Number(m[1]) : m[2] === '-' ? -1 : 1;
  return m[3] !== undefined ? Number(`${mantissa}e${m[3]}`) : mantissa; // 10 ** -324 would underflow
}

describe('formatNumber', () => {
  it('uses fixed notation between 1e-3 and 1e4, without trailing zeros', () => {
    expect(formatNumber(0.0054)).toBe('0.0054');
    expect(formatNumber(-1.2)).toBe('-1.2');
    expect(formatNumber(0.81757)).toBe('0.8176');
    expect(formatNumber(1.2000000000000002)).toBe('1.2');
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(0.001)).toBe('0.001');
  });

  it('switches to exponent notation outside that range', () => {
    expect(formatNumber(3.2e-7)).toBe('3.2e-7');
    expect(formatNumber(15000)).toBe('1.5e+4');
    expect(formatNumber(-0.00012)).toBe('-1.2e-4');
    // Rounding 9999.96 to four digits reaches 1e4: it must not print "1.000e+4" or "10000".
    expect(formatNumber(9999.96)).toBe('1e+4');
  });

  it('keeps NaN and infinities visible and prints both zeros as 0', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
  });

  it('honours the digits argument', () => {
    expect(formatNumber(Math.PI, 2)).toBe('3.1');
    expect(formatNumber(Math.PI, 6)).toBe('3.14159');
  });

  it('round-trips every finite number to within its 4 significant digits', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
      const back = Number(formatNumber(x));
      expect(Math.abs(back - x)).toBeLessThanOrEqual(5.0001e-4 * Math.abs(x));
    }));
  });
});

describe('texNumber', () => {
  it('writes exponents as powers of ten for KaTeX', () => {
    expect(texNumber(-1.2e-4)).toBe('-1.2\\times10^{-4}');
    expect(texNumber(1.5e4)).toBe('1.5\\times10^{4}');
    expect(texNumber(1e-7)).toBe('10^{-7}');
    expect(texNumber(0.7685)).toBe('0.7685');
    expect(texNumber(NaN)).toBe('\\mathrm{NaN}');
    expect(texNumber(-Infinity)).toBe('-\\infty');
  });

  it('round-trips like formatNumber', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
      expect(Math.abs(parseTex(texNumber(x)) - x)).toBeLessThanOrEqual(5.0001e-4 * Math.abs(x));
    }));
  });
});

describe('summarizeTensor', () => {
  it('writes small tensors out and large ones as shape and L2 norm', () => {
    expect(summarizeTensor({ shape: [1, 1], data: [0.81757] })).toBe('0.8176');
    expect(summarizeTensor({ shape: [1, 3], data: [0.12, -0.5, 0.3] })).toBe('[0.12, -0.5, 0.3]');
    expect(summarizeTensor({ shape: [2, 2], data: [1, 2, 3, 4] })).toBe('[[1, 2], [3, 4]]');
    // 1024 entries of 0.5: norm = 0.5·√1024 = 16.
    expect(summarizeTensor({ shape: [64, 16], data: new Float64Array(1024).fill(0.5) })).toBe('[64, 16] ‖·‖=16');
    expect(summarizeTensor({ shape: [1, 5], data: [1, 2, 3, 4, 5] }, 5)).toBe('[1, 2, 3, 4, 5]');
    expect(summarizeTensor({ shape: [0], data: [] })).toBe('[]');
  });

  it('tensorNorm is the Euclidean length', () => {
    expect(tensorNorm([3, 4])).toBe(5);
    expect(tensorNorm([])).toBe(0);
  });
});
