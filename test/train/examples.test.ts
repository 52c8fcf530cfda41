// Each example must train to a sensible result with the settings saved in its file (the promise).
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../engine/index.ts';
import { loadExample } from './support.ts';

function trainExample(name: string) {
  const trainer = createTrainer(loadExample(name));
  const { progress } = trainer.runFor(Infinity);
  expect(progress.failure).toBeNull();
  expect(progress.state).toBe('done');
  expect(progress.epoch).toBe(trainer.settings.epochs);
  return progress.metrics!;
}

describe('examples train with their saved settings', () => {
  it('XOR (2-4-1 sigmoid MLP) reaches a loss below 0.01 and classifies all four points', () => {
    const m = trainExample('xor-mlp.bpgraph');
    expect(m.trainLoss).toBeLessThan(0.01);
    expect(m.trainAccuracy).toBe(1);
  });

  it('two moons (tanh MLP, softmax_ce) reaches at least 97 % test accuracy', () => {
    const m = trainExample('two-moons-tanh.bpgraph');
    expect(m.testAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('the spiral (deeper ReLU network) separates the arms on held-out points', () => {
    const m = trainExample('spiral-relu.bpgraph');
    expect(m.testAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('sine regression fits sin(x) to about the noise level (σ = 0.1, so ½σ² = 0.005 per sample)', () => {
    const m = trainExample('sine-regression.bpgraph');
    expect(m.trainAccuracy).toBeNull();
    expect(m.testLoss).toBeLessThan(0.02);
  });
});
