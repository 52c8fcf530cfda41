// The loss formula shown must carry the reduction: a mean divides the summed sample losses by B.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { moduleKinds, moduleOf } from '../../../engine/index.ts';
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

describe('module formulas', () => {
  it.each(moduleKinds)('%s: its formula, with either reduction for a loss, is TeX that KaTeX accepts', (kind) => {
    const def = moduleOf(kind);
    const shown = def.isLoss ? [lossFormula(def.formula, 'sum'), lossFormula(def.formula, 'mean')] : [def.formula];
    for (const tex of shown) expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
  });
});
