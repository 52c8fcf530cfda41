// What the training panel shows of the float32 path (issue 14.2): when it is offered, how its numbers
// are labelled while it trains and after, and a refusal in one line.
import { describe, expect, it } from 'vitest';
import type { TrainingProgress } from '../../../engine/index.ts';
import { offersFloat32, trainingStepMultiplyAdds } from '../../../renderer/training/step-size.ts';
import { initialTraining, precisionMark, progressText, reduceTraining } from '../../../renderer/training/training-store.ts';
import { example } from './support.ts';

const progress = (over: Partial<TrainingProgress> = {}): TrainingProgress => ({
  state: 'running', epoch: 3, epochs: 40, step: 120, stepsPerEpoch: 10, totalSteps: 400, batchLoss: 0.5,
  metrics: null, stepsPerSecond: 1000, failure: null, rates: { learningRate: 0.1, weightDecay: 0, l1: 0 }, ...over,
});

describe('when the panel offers float32', () => {
  it('from about 1M multiply-adds a step: digits at batch 256, not at its own 32; never the lecture example', () => {
    const digits = example('digits-mlp');
    expect(trainingStepMultiplyAdds(digits, 32)).toBe(3 * 32 * (64 * 32 + 32 * 10));
    expect(offersFloat32(digits, 32)).toBe(false);
    expect(offersFloat32(digits, 256)).toBe(true);
    // The trainer clamps the batch to the data, so a huge batch on a tiny dataset stays small.
    expect(offersFloat32(example('lecture-two-layer'), 1_000_000)).toBe(false);
    expect(trainingStepMultiplyAdds(digits, Number(''))).toBeNull(); // a half-typed batch
  });

  it('counts again when the sizes change, and keeps the count through an edit of numbers only', () => {
    const digits = example('digits-mlp');
    const fc1 = digits.nodes.find((n) => n.kind === 'linear')!;
    const W = fc1.params?.W;
    // New numbers in a parameter (same shape): the same structure, the same count.
    const renumbered = W ? { ...digits, nodes: digits.nodes.map((n) => (n === fc1 ? { ...n, params: { ...n.params, W: { ...W, data: W.data.map((v) => v * 2) } } } : n)) } : digits;
    expect(trainingStepMultiplyAdds(renumbered, 32)).toBe(3 * 32 * (64 * 32 + 32 * 10));
    // A narrower first layer (and the next one's in following it) is another model: counted afresh.
    const narrower = { ...digits, nodes: digits.nodes.map((n) => (n === fc1 ? { ...n, config: { ...n.config, out: 16 }, params: undefined }
      : n.kind === 'linear' ? { ...n, config: { ...n.config, in: 16 }, params: undefined } : n)) };
    expect(trainingStepMultiplyAdds(narrower, 32)).toBe(3 * 32 * (64 * 16 + 16 * 10));
  });
});

describe('labels of the float32 path', () => {
  it('marks float32 numbers while training and says float64 once paused or stopped; float64 runs read as before', () => {
    const f32 = progress({ precision: 'float32' });
    expect(progressText('running', f32)).toBe('Training in float32… epoch 3/40');
    expect(progressText('paused', f32)).toBe('Paused at epoch 3/40 — numbers recomputed in float64');
    expect(progressText('stopped', f32)).toBe('Stopped at epoch 3/40 — numbers recomputed in float64');
    expect(precisionMark(f32)).toBe(' (float32)');
    expect(progressText('paused', progress())).toBe('Paused at epoch 3/40');
    expect(precisionMark(progress())).toBe('');
  });

  it('keeps a refusal from the started reply, and a new run clears it', () => {
    const refusal = { code: 'shared-parameter' as const, nodeId: 'n2/fc', message: 'node "n2/fc" shares parameter "W"; training in float64' };
    let s = reduceTraining(initialTraining(), { type: 'started', layers: ['n1/fc'], progress: progress(), boundary: null, accuracy: false, float32Refusal: refusal }, 0);
    expect(s.float32Refusal).toBe(refusal.message);
    s = reduceTraining(s, { type: 'started', layers: ['n1/fc'], progress: progress(), boundary: null, accuracy: false }, 1);
    expect(s.float32Refusal).toBeNull();
  });
});
