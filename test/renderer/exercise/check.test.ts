// Exercise mode's verdicts (issue 11.1): the tolerance in significant digits, the sign, a missing or
// extra factor of the chain rule, a mix-up with another number of the step, and the relative error.
// The questions are the lecture example's, with the engine's numbers; the slide's numbers are the check.
import { describe, expect, it } from 'vitest';
import { checkAnswer, parseAnswer, verdictMessage, withinTolerance, type Question } from '../../../renderer/exercise/check.ts';
import { buildTimeline, type Step } from '../../../renderer/math/step-timeline.ts';
import { lectureGraph, run } from '../math/fixtures.ts';

const σ = (v: number): number => 1 / (1 + Math.exp(-v));
// The slide's worked example, from its own formulas.
const h1 = σ(0.8 * 1.5), h2 = σ(-1.2 * h1);
const dLdh2 = h2 - 0.25, local2 = h2 * (1 - h2), dLdw2 = dLdh2 * local2 * h1;

const steps = buildTimeline(lectureGraph(), run(lectureGraph()));
const question = (phase: Step['phase'], nodeId: string): Question => {
  const q = steps.find((s) => s.phase === phase && s.nodeId === nodeId)?.answer;
  if (!q) throw new Error(`no question at ${phase} ${nodeId}`);
  return q;
};

describe('withinTolerance', () => {
  it('accepts one unit of the last significant digit asked, and no more', () => {
    expect(withinTolerance(0.768, h1, 3)).toBe(true); // h1 = 0.76852…
    expect(withinTolerance(0.769, h1, 3)).toBe(true);
    expect(withinTolerance(0.77, h1, 3)).toBe(false);
    expect(withinTolerance(0.767, h1, 3)).toBe(false);
    expect(withinTolerance(0.77, h1, 2)).toBe(true);
    expect(withinTolerance(0.7685, h1, 4)).toBe(true);
    expect(withinTolerance(0.7681, h1, 4)).toBe(false);
  });

  it('scales with the number: -0.00225 matches ∂L/∂w₁ = -0.0022510', () => {
    expect(withinTolerance(-0.00225, -0.002251, 3)).toBe(true);
    expect(withinTolerance(-0.0023, -0.002251, 3)).toBe(false);
    expect(withinTolerance(1220, 1234.5, 3)).toBe(false);
    expect(withinTolerance(1230, 1234.5, 3)).toBe(true);
  });

  it('an exact 0 (a ReLU gate) needs 0', () => {
    expect(withinTolerance(0, 0, 3)).toBe(true);
    expect(withinTolerance(0.001, 0, 3)).toBe(false);
  });
});

describe('parseAnswer', () => {
  it('reads what people type', () => {
    expect(parseAnswer(' -0.5 ')).toBe(-0.5);
    expect(parseAnswer('−0.5')).toBe(-0.5);
    expect(parseAnswer('0,25')).toBe(0.25);
    expect(parseAnswer('1.2e-3')).toBe(0.0012);
    expect(parseAnswer('.5')).toBe(0.5);
    expect(parseAnswer('3/4')).toBe(0.75);
    expect(parseAnswer('+2')).toBe(2);
  });
  it('refuses what is not a number', () => {
    for (const s of ['', 'abc', '1..2', '1/0', '0x10', 'Infinity', '1e999']) expect(parseAnswer(s)).toBeNull();
  });
});

describe('checkAnswer on the lecture example', () => {
  it('asks the engine’s numbers, which are the slide’s', () => {
    expect(question('forward', 'h1').value).toBeCloseTo(h1, 12);
    expect(question('backward', 'w2').value).toBeCloseTo(dLdw2, 12);
    expect(question('backward', 'w2').text).toBe('∂L/∂w₂');
  });

  it('says Correct within 3 significant digits', () => {
    const q = question('backward', 'w2');
    expect(checkAnswer(0.0054, q, 3)).toEqual({ kind: 'correct' }); // 0.0054025
    expect(verdictMessage(checkAnswer(0.0054, q, 3), 0.0054, q.value)).toBe('Correct');
  });

  it('says the sign is wrong when only the sign is', () => {
    const q = question('backward', 'w2');
    const v = checkAnswer(-0.0054, q, 3);
    expect(v).toEqual({ kind: 'sign' });
    expect(verdictMessage(v, -0.0054, q.value)).toMatch(/sign is wrong/);
  });

  it('names the missing local derivative σ′ = h₂(1−h₂) of the chain ∂L/∂h₂ · ∂h₂/∂z₂ · h₁', () => {
    const q = question('backward', 'w2');
    const forgot = dLdh2 * h1; // the student left out ∂h₂/∂z₂
    const v = checkAnswer(forgot, q, 3);
    expect(v).toMatchObject({ kind: 'factor', missing: true, signToo: false, factor: { label: '∂h₂/∂z₂' } });
    if (v.kind !== 'factor') throw new Error('expected a factor');
    expect(v.factor.value).toBeCloseTo(local2, 12);
    expect(verdictMessage(v, forgot, q.value)).toBe(`Off by a factor of ${local2.toPrecision(4)}: a factor ∂h₂/∂z₂ = ${local2.toPrecision(4)} is missing.`);
  });

  it('names an extra factor, with a wrong sign too', () => {
    const q = question('backward', 'w2');
    const v = checkAnswer(-dLdw2 * h1, q, 3);
    expect(v).toMatchObject({ kind: 'factor', missing: false, signToo: true, factor: { label: 'h₁' } });
    expect(verdictMessage(v, -dLdw2 * h1, q.value)).toMatch(/^Off by a factor of 0\.7685: the factor h₁ = 0\.7685 does not belong here, and the sign is wrong\.$/);
  });

  it('recognises another number of the step: ∂L/∂h₁ given for ∂L/∂w₂', () => {
    const q = question('backward', 'w2');
    const dLdh1 = dLdh2 * local2 * -1.2;
    const v = checkAnswer(dLdh1, q, 3);
    expect(v).toMatchObject({ kind: 'mixup' });
    expect(verdictMessage(v, dLdh1, q.value)).toMatch(/that is ∂L\/∂h₁, the gradient sent back to h₁, not ∂L\/∂w₂/);
  });

  it('forward: σ not applied is a mix-up with the input; otherwise the relative error', () => {
    const q = question('forward', 'h1');
    expect(verdictMessage(checkAnswer(1.2, q, 3), 1.2, q.value)).toMatch(/that is z₁, the input; h₁ applies Sigmoid to it/);
    const v = checkAnswer(0.8, q, 3);
    expect(v).toMatchObject({ kind: 'off', signToo: false });
    expect(verdictMessage(v, 0.8, q.value)).toBe('Not quite: off by 4.1 % (too large).');
    expect(verdictMessage(checkAnswer(-3, q, 3), -3, q.value)).toBe('Not quite: the sign is wrong and the size is about 3.9 times too large.');
  });

  it('the loss: forgetting the ½ is a factor 2', () => {
    const q = question('forward', 'loss');
    expect(checkAnswer(2 * q.value, q, 3)).toMatchObject({ kind: 'factor', missing: false, factor: { value: 2 } });
  });
});
