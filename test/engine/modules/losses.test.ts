// Loss modules: mse, bce and softmax_ce, each with sum and mean reduction over the batch.
import { describe, expect, it } from 'vitest';
import { expectClose, expectScalarClose } from '../support/close.ts';
import { build, checkAllDerivatives, t2 } from '../support/frames.ts';
import { oneHot, testRng, uniform } from '../support/random.ts';

const lossOf = (kind: 'mse' | 'bce' | 'softmax_ce', reduction: string, p: number[], t: number[], F: number): number => {
  const B = p.length / F;
  const { def, frame } = build({ kind, config: { reduction }, inputs: [t2(B, F, p), t2(B, F, t)] });
  def.forward(frame);
  return frame.out.data[0]!;
};

describe('loss modules: closed forms', () => {
  it('mse is Σ_batch ½ Σ_j (p − t)², divided by B under mean', () => {
    // sample 0: ½(1² + 2²) = 2.5; sample 1: ½(3²) = 4.5
    expectScalarClose(lossOf('mse', 'sum', [1, 2, 3, 0], [0, 0, 0, 0], 2), 7, 1e-15);
    expectScalarClose(lossOf('mse', 'mean', [1, 2, 3, 0], [0, 0, 0, 0], 2), 3.5, 1e-15);
  });

  it('bce is −Σ [t log p + (1 − t) log(1 − p)]', () => {
    const expected = -(1 * Math.log(0.8) + 0) - (0 + 1 * Math.log(1 - 0.3)) - (0.5 * Math.log(0.6) + 0.5 * Math.log(0.4));
    expectScalarClose(lossOf('bce', 'sum', [0.8, 0.3, 0.6], [1, 0, 0.5], 1), expected, 1e-15);
    expectScalarClose(lossOf('bce', 'mean', [0.8, 0.3, 0.6], [1, 0, 0.5], 1), expected / 3, 1e-15);
  });

  it('bce of a saturated prediction is large but finite', () => {
    const L = lossOf('bce', 'sum', [0], [1], 1);
    expect(Number.isFinite(L)).toBe(true);
    expect(L).toBeGreaterThanOrEqual(100);
  });

  it('softmax_ce is −Σ t_j log softmax(z)_j', () => {
    // softmax([0, ln 3]) = [1/4, 3/4]
    expectScalarClose(lossOf('softmax_ce', 'sum', [0, Math.log(3)], [0, 1], 2), -Math.log(0.75), 1e-15);
    expectScalarClose(lossOf('softmax_ce', 'sum', [0, Math.log(3), 5, 5], [1, 0, 0.5, 0.5], 2), -Math.log(0.25) + Math.log(2), 1e-14);
    expectScalarClose(lossOf('softmax_ce', 'mean', [0, Math.log(3), 5, 5], [1, 0, 0.5, 0.5], 2), (-Math.log(0.25) + Math.log(2)) / 2, 1e-14);
  });

  it('softmax_ce stays finite for logits of 1000', () => {
    expectScalarClose(lossOf('softmax_ce', 'sum', [1000, 1000], [1, 0], 2), Math.log(2), 1e-12);
  });

  it('mse gradient is (p − t) on pred and −(p − t) on target', () => {
    const { def, frame } = build({ kind: 'mse', inputs: [t2(1, 2, [3, 1]), t2(1, 2, [1, 2])] });
    def.forward(frame);
    frame.gradOut.data[0] = 1;
    def.vjp(frame);
    expectClose(frame.gradInputs[0]!.data, [2, -1], 0, 'dp');
    expectClose(frame.gradInputs[1]!.data, [-2, 1], 0, 'dt');
  });
});

describe.each(['sum', 'mean'])('loss derivatives, %s reduction', (reduction) => {
  it.each([[1, 1], [3, 2], [4, 3]])('mse agrees with finite differences for [%i, %i]', (B, F) => {
    const r = testRng(B * 3 + F);
    checkAllDerivatives({ kind: 'mse', config: { reduction }, inputs: [t2(B, F, uniform(r, B * F)), t2(B, F, uniform(r, B * F))] });
  });

  it.each([[1, 1], [3, 2], [4, 3]])('bce agrees with finite differences for [%i, %i]', (B, F) => {
    const r = testRng(B * 5 + F);
    checkAllDerivatives({ kind: 'bce', config: { reduction }, inputs: [t2(B, F, uniform(r, B * F, 0.1, 0.9)), t2(B, F, uniform(r, B * F, 0, 1))] });
  });

  it.each([[1, 2], [3, 3], [4, 5]])('softmax_ce agrees with finite differences for [%i, %i] (one-hot and soft targets)', (B, F) => {
    const r = testRng(B * 11 + F);
    checkAllDerivatives({ kind: 'softmax_ce', config: { reduction }, inputs: [t2(B, F, uniform(r, B * F, -2, 2)), t2(B, F, oneHot(r, B, F))] });
    checkAllDerivatives({ kind: 'softmax_ce', config: { reduction }, inputs: [t2(B, F, uniform(r, B * F, -2, 2)), t2(B, F, uniform(r, B * F, 0, 1))] });
  });
});
