// The boundary picture's pure pieces: grid layout, probabilities, checksum, and the evaluator on an example.
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../engine/index.ts';
import { classProbabilities, createBoundary, gridChecksum, gridInputs, padded } from '../../../renderer/training/boundary.ts';
import { example } from './support.ts';

describe('boundary grid', () => {
  it('lays cells out row-major from the top-left corner', () => {
    const g = gridInputs(2, 0, 2, 0, 2);
    expect(g).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
  });

  it('turns one sigmoid column into [1 − p, p] and logits into a softmax', () => {
    expect(Array.from(classProbabilities([0.25], 1, 1, 'probability'))).toEqual([0.75, 0.25]);
    const [a, b] = classProbabilities([0, Math.log(3)], 1, 2, 'softmax');
    expect(a).toBeCloseTo(0.25, 15);
    expect(b).toBeCloseTo(0.75, 15);
  });

  it('reads one bce_logits column as a logit: [σ(−z), σ(z)]', () => {
    const [q, p] = classProbabilities([Math.log(3)], 1, 1, 'logit');
    expect(p).toBeCloseTo(0.75, 15);
    expect(q).toBeCloseTo(0.25, 15);
  });

  it('pads the data range by 10%', () => {
    expect(padded([0, 10])).toEqual([-1, 11]);
  });

  it('checksum changes with any visible change and not otherwise', () => {
    const v = [0.1, 0.9, 0.4, 0.6];
    expect(gridChecksum(v)).toBe(gridChecksum([...v]));
    expect(gridChecksum(v)).not.toBe(gridChecksum([0.1, 0.9, 0.41, 0.59]));
    expect(gridChecksum(v)).not.toBe(gridChecksum([0.9, 0.1, 0.4, 0.6]));
  });

  it('evaluates the two-moons model over the plane, and the picture moves when the parameters do', () => {
    const graph = example('two-moons-tanh');
    const trainer = createTrainer(graph, { settings: { epochs: 5 } });
    const b = createBoundary(graph, trainer)!;
    expect(b.view.kind).toBe('classification');
    const before = b.evaluate(0);
    expect(before.values).toHaveLength(60 * 60 * 2);
    for (let i = 0; i < 3600; i++) expect(before.values[2 * i]! + before.values[2 * i + 1]!).toBeCloseTo(1, 12);
    while (!trainer.finished) trainer.runFor(1000);
    const after = b.evaluate(1);
    expect(gridChecksum(after.values)).not.toBe(gridChecksum(before.values));
  });

  it('gives a curve for 1-D regression and nothing for an unbound graph', () => {
    const sine = example('sine-regression');
    expect(createBoundary(sine, createTrainer(sine))!.view.kind).toBe('regression');
    const lecture = example('lecture-two-layer');
    expect(createBoundary(lecture, createTrainer(lecture))).toBeNull();
  });
});
