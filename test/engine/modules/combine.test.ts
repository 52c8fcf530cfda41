// Two-input combiners: add, multiply (elementwise) and concat (along features).
import { describe, expect, it } from 'vitest';
import { build, checkAllDerivatives, t2 } from '../support/frames.ts';
import { testRng, uniform } from '../support/random.ts';

const a = t2(2, 2, [1, -2, 3, 0.5]), b = t2(2, 2, [4, 5, -6, 2]);

describe('combine modules: closed forms', () => {
  it('add is a + b and multiply is a ⊙ b', () => {
    const add = build({ kind: 'add', inputs: [a, b] }), mul = build({ kind: 'multiply', inputs: [a, b] });
    add.def.forward(add.frame);
    mul.def.forward(mul.frame);
    expect(Array.from(add.frame.out.data)).toEqual([5, 3, -3, 2.5]);
    expect(Array.from(mul.frame.out.data)).toEqual([4, -10, -18, 1]);
  });

  it('concat puts b after a in every row, and splits the gradient back', () => {
    const c = build({ kind: 'concat', inputs: [a, t2(2, 1, [9, 8])] });
    c.def.forward(c.frame);
    expect(Array.from(c.frame.out.data)).toEqual([1, -2, 9, 3, 0.5, 8]);
    c.frame.gradOut.data.set([1, 2, 3, 4, 5, 6]);
    c.def.vjp(c.frame);
    expect(Array.from(c.frame.gradInputs[0]!.data)).toEqual([1, 2, 4, 5]);
    expect(Array.from(c.frame.gradInputs[1]!.data)).toEqual([3, 6]);
  });
});

describe.each(['add', 'multiply', 'concat'] as const)('%s derivatives', (kind) => {
  it.each([[1, 1, 1], [3, 2, 2], [4, 3, 1]])('agree with finite differences for batch %i, a %i, b %i features', (B, Fa, Fb) => {
    const rng = testRng(B * 100 + Fa * 10 + Fb);
    const Fbb = kind === 'concat' ? Fb : Fa;
    checkAllDerivatives({ kind, inputs: [t2(B, Fa, uniform(rng, B * Fa)), t2(B, Fbb, uniform(rng, B * Fbb))] });
  });
});
