// The gradient colour scale must order magnitudes, flag the two failure modes, and stay readable
// on both themes.
import { describe, expect, it } from 'vitest';
import { gradientStyle, LEGEND_STOPS, ZERO_GRADIENT_STROKE } from '../../../interop/notation/gradient-scale.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const sweep = Array.from({ length: 121 }, (_, i) => 10 ** (-8 + i * 0.1)); // 1e-8 … 1e4

describe('gradientStyle', () => {
  it('widens monotonically with the norm and spans distinct colours', () => {
    const styles = sweep.map(gradientStyle);
    for (let i = 1; i < styles.length; i++) expect(styles[i]!.strokeWidth).toBeGreaterThanOrEqual(styles[i - 1]!.strokeWidth);
    expect(gradientStyle(1e3).strokeWidth).toBeGreaterThan(gradientStyle(1e-6).strokeWidth);
    expect(new Set(styles.map((s) => s.stroke)).size).toBeGreaterThan(20);
    expect(gradientStyle(1e-6).stroke).not.toBe(gradientStyle(1e3).stroke);
  });

  it('flags vanishing below 1e-6 and exploding above 1e3, not at the bounds', () => {
    expect(gradientStyle(9.9e-7).flag).toBe('vanishing');
    expect(gradientStyle(1e-6).flag).toBeNull();
    expect(gradientStyle(0.05).flag).toBeNull();
    expect(gradientStyle(1e3).flag).toBeNull();
    expect(gradientStyle(1.01e3).flag).toBe('exploding');
    expect(gradientStyle(Infinity).flag).toBe('exploding');
    expect(gradientStyle(NaN).flag).toBe('exploding');
  });

  it('shows an exact zero (no path to a loss) as neutral grey, unflagged and thinnest', () => {
    const zero = gradientStyle(0);
    expect(zero).toMatchObject({ stroke: ZERO_GRADIENT_STROKE, flag: null });
    expect(zero.strokeWidth).toBeLessThan(gradientStyle(1e-12).strokeWidth);
    expect(gradientStyle(1e-12).flag).toBe('vanishing');
  });

  it('keeps 3:1 contrast on a white and on a near-black background', () => {
    for (const n of [0, ...sweep]) {
      const { stroke } = gradientStyle(n);
      expect(contrast(stroke, '#ffffff'), `${stroke} on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(stroke, '#111111'), `${stroke} on black`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('LEGEND_STOPS', () => {
  it('lists increasing norms whose colours are the ones edges get', () => {
    for (let i = 1; i < LEGEND_STOPS.length; i++) expect(LEGEND_STOPS[i]!.norm).toBeGreaterThan(LEGEND_STOPS[i - 1]!.norm);
    for (const s of LEGEND_STOPS) expect(s.stroke).toBe(gradientStyle(s.norm).stroke);
    expect(LEGEND_STOPS[0]!.norm).toBe(0);
    expect(LEGEND_STOPS.at(-1)!.norm).toBe(1e3);
  });
});
