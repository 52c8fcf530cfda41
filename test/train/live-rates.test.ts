// Training you can play with (issue 13.11): the learning rate and the regularisation change while a
// trainer runs, from the next mini-batch on, and a run may go on until it is paused or stopped.
import { describe, expect, it } from 'vitest';
import { createTrainer, TrainingSetupError, type StepRecord } from '../../engine/index.ts';
import { loadExample, tinyXor } from './support.ts';

const flat = (params: Record<string, Record<string, { data: number[] }>>): number[] =>
  Object.values(params).flatMap((p) => Object.values(p).flatMap((t) => t.data));

const losses = (steps: readonly StepRecord[]): number[] => steps.map((s) => s.loss);

function steps(t: ReturnType<typeof createTrainer>, n: number): StepRecord[] {
  const out: StepRecord[] = [];
  for (let i = 0; i < n; i++) out.push(t.step()!);
  return out;
}

describe('setRates while training', () => {
  it('after the change, the trajectory is that of a fresh trainer with the new rates from the same parameters', () => {
    // The lecture's graph is one fixed sample: no shuffling, so only the rates can tell the runs apart.
    const graph = loadExample('lecture-two-layer.bpgraph');
    const settings = { optimizer: 'sgd' as const, learningRate: 0.5, epochs: 1000 };
    const running = createTrainer(graph, { settings });
    steps(running, 20);
    const at = running.trainedGraph();
    expect(running.setRates({ learningRate: 2, weightDecay: 0.01, l1: 0.001 })).toEqual({ learningRate: 2, weightDecay: 0.01, l1: 0.001 });
    expect(running.progress().rates).toEqual({ learningRate: 2, weightDecay: 0.01, l1: 0.001 });
    const after = steps(running, 30);

    const fresh = createTrainer(at, { settings: { ...settings, learningRate: 2, weightDecay: 0.01, l1: 0.001 } });
    const expected = steps(fresh, 30);
    expect(losses(after)).toEqual(losses(expected)); // bit for bit
    expect(after.map((s) => s.penalty)).toEqual(expected.map((s) => s.penalty));
    expect(flat(running.parameters())).toEqual(flat(fresh.parameters()));

    // …and not that of the old rate.
    const unchanged = createTrainer(at, { settings });
    expect(losses(steps(unchanged, 30))).not.toEqual(losses(after));
  });

  it('keeps the place in the epoch and the optimiser state: the same rates again change nothing', () => {
    const settings = { optimizer: 'adam' as const, learningRate: 0.05, batchSize: 4, epochs: 50 };
    const a = createTrainer(tinyXor(), { settings });
    const b = createTrainer(tinyXor(), { settings });
    steps(a, 7); // mid-epoch (2 steps per epoch) and with Adam's moments built up
    steps(b, 7);
    b.setRates({ learningRate: 0.05 });
    expect(losses(steps(b, 20))).toEqual(losses(steps(a, 20)));
    expect(flat(b.parameters())).toEqual(flat(a.parameters()));
  });

  it('switches regularisation on mid-run (the penalty appears in the records from that step)', () => {
    const t = createTrainer(tinyXor(), { settings: { optimizer: 'sgd', learningRate: 0.5, batchSize: 6, epochs: 50 } });
    expect(steps(t, 3).map((s) => s.penalty)).toEqual([0, 0, 0]);
    t.setRates({ weightDecay: 0.1 });
    const theta = flat(t.parameters());
    const [next] = steps(t, 1);
    expect(next!.penalty).toBeCloseTo(0.5 * 0.1 * theta.reduce((s, v) => s + v * v, 0), 14);
    expect(next!.penalty).toBeGreaterThan(0);
  });

  it('refuses a rate outside the file format\'s bounds, naming the field, and keeps the old one', () => {
    const t = createTrainer(tinyXor(), { settings: { learningRate: 0.1 } });
    expect(() => t.setRates({ learningRate: 0 })).toThrow(TrainingSetupError);
    expect(() => t.setRates({ learningRate: 0 })).toThrow(/training\.learningRate/);
    expect(() => t.setRates({ weightDecay: 11 })).toThrow(/training\.weightDecay/);
    expect(t.rates()).toEqual({ learningRate: 0.1, weightDecay: 0, l1: 0 });
  });

  it('the settings the run reports for the write-back carry the rates it ended with', () => {
    const t = createTrainer(tinyXor(), { settings: { learningRate: 0.1, epochs: 3 } });
    t.step();
    t.setRates({ learningRate: 0.3, l1: 0.02 });
    t.runFor(Infinity);
    expect(t.settings).toMatchObject({ learningRate: 0.3, l1: 0.02, epochs: 3 });
  });
});

describe('training until stopped', () => {
  it('goes past the saved epochs until paused, and says its end is open', () => {
    let clock = 0;
    const t = createTrainer(tinyXor(), { settings: { epochs: 2, batchSize: 6 }, untilStopped: true, now: () => clock++ });
    expect(t.progress().epochs).toBe(Infinity);
    expect(t.totalSteps).toBe(Infinity);
    const chunk = t.runFor(500); // 500 ticks of the fake clock: many more than 2 epochs
    expect(chunk.progress.epoch).toBeGreaterThan(2);
    expect(chunk.progress.state).toBe('running');
    const paused = t.pause();
    expect(paused.state).toBe('paused');
    expect(t.runFor(500).steps).toHaveLength(0);
    t.resume();
    expect(t.runFor(10).progress.epoch).toBeGreaterThan(paused.epoch);
    expect(t.stop().state).toBe('stopped');
  });

  it('with a limit, still ends at it', () => {
    const t = createTrainer(tinyXor(), { settings: { epochs: 2, batchSize: 6 } });
    expect(t.runFor(Infinity).progress).toMatchObject({ state: 'done', epoch: 2, epochs: 2, totalSteps: 2 });
  });
});
