// Training you can play with (issue 13.11) through the worker: a run until paused goes past the saved
// epochs, and new rates reach the running trainer at its next mini-batch, without a restart.
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../engine/index.ts';
import { initialTraining, rateChangeText, ratesText, reduceTraining } from '../../../renderer/training/training-store.ts';
import { example, harness } from './support.ts';

describe('the worker, playing', () => {
  it('trains until paused past the saved epochs', () => {
    const h = harness();
    const graph = example('xor-mlp');
    h.send({ type: 'train', graph, settings: { epochs: 3 }, untilStopped: true });
    h.drain(40);
    const last = h.of('progress').at(-1)!.progress;
    expect(last.epochs).toBe(Infinity);
    expect(last.epoch).toBeGreaterThan(3);
    expect(last.state).toBe('running');
    expect(h.of('finished')).toHaveLength(0);
    h.send({ type: 'stop' });
    const finished = h.of('finished')[0]!;
    expect(finished.progress.state).toBe('stopped');
    expect(finished.settings.epochs).toBe(3); // the settings written back are the document's, not ∞
  });

  it('set-rates: the progress says the new rate at once, and the steps after it equal a trainer switched at the same step', () => {
    const h = harness();
    const graph = example('two-moons-tanh');
    const settings = { optimizer: 'sgd' as const, learningRate: 0.05, batchSize: 16, epochs: 200 };
    h.send({ type: 'train', graph, settings });
    h.drain(2);
    h.send({ type: 'pause' });
    const at = h.of('progress').at(-1)!.progress.step;
    h.send({ type: 'set-rates', rates: { learningRate: 0.5, weightDecay: 0.001 } });
    expect(h.of('progress').at(-1)!.progress.rates).toEqual({ learningRate: 0.5, weightDecay: 0.001, l1: 0 });
    h.send({ type: 'resume' });
    h.drain(1);
    const losses = h.of('progress').flatMap((p) => Array.from(p.steps.loss));

    const oracle = createTrainer(graph, { settings });
    const expected: number[] = [];
    for (let i = 0; i < at; i++) expected.push(oracle.step()!.loss);
    oracle.setRates({ learningRate: 0.5, weightDecay: 0.001 });
    while (expected.length < losses.length) expected.push(oracle.step()!.loss);
    expect(losses).toEqual(expected);
  });

  it('a bad rate is refused with the field named and the run goes on', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('xor-mlp'), settings: {} });
    h.drain(1);
    h.send({ type: 'set-rates', rates: { learningRate: -1 } });
    expect(h.of('train-error').at(-1)!.message).toMatch(/training\.learningRate/);
    h.drain(1);
    expect(h.of('progress').at(-1)!.progress.state).toBe('running');
  });

  it('the store records each change at the step it came after, for the loss chart and the status', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('xor-mlp'), settings: { learningRate: 0.1 } });
    h.drain(1);
    h.send({ type: 'set-rates', rates: { learningRate: 0.3 } });
    h.drain(1);
    const state = h.replies.reduce((s, r) => reduceTraining(s, r, 0), initialTraining());
    expect(state.rateChanges).toHaveLength(1);
    const change = state.rateChanges[0]!;
    expect(change.to.learningRate).toBe(0.3);
    expect(rateChangeText(change)).toBe(`step ${change.step}: lr 0.1 → 0.3`);
    expect(ratesText(state.progress!.rates)).toBe('lr 0.3 · L2 0 · L1 0');
  });
});
