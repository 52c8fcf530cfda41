// The loss formula shown must carry the reduction: a mean divides the summed sample losses by B.
import { describe, expect, it } from 'vitest';
import { moduleOf } from '../../../engine/index.ts';
import { lossFormula } from '../../../renderer/model/loss-formula.ts';

describe('lossFormula', () => {
  it('shows 1/B for mean and no factor for sum, around the module\'s per-sample formula', () => {
    const mse = moduleOf('mse').formula;
    const mean = lossFormula(mse, 'mean'), sum = lossFormula(mse, 'sum');
    expect(mean).toContain('\\tfrac{1}{B}');
    expect(sum).not.toContain('\\tfrac{1}{B}');
    for (const f of [mean, sum]) {
      expect(f.startsWith('L = ')).toBe(true);
      expect(f).toContain(mse.replace(/^L = /, '\\ell_b = '));
    }
  });
});
