// The epoch-end evaluation on a time budget (issue 14.7): it skips epochs, never numbers. The clock
// moves 1 ms per reading (an epoch takes ~45, an evaluation 1, so a 1 % share skips about every other
// epoch), so which epochs are evaluated is fixed; the last epoch, pause and stop
// always leave the metrics of the parameters as they stand.
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../engine/index.ts';
import { loadExample } from './support.ts';

const ticking = () => { let t = 0; return () => (t += 1); };
const flat = (params: Record<string, Record<string, { data: number[] }>>): number[] =>
  Object.values(params).flatMap((p) => Object.values(p).flatMap((t) => t.data));

describe('evaluationBudget', () => {
  const graph = loadExample('two-moons-tanh.bpgraph');

  it('evaluates fewer epochs, trains the same parameters, and ends on the exact metrics of the last epoch', () => {
    const every = createTrainer(graph, { settings: { epochs: 30 }, now: ticking() });
    const budgeted = createTrainer(graph, { settings: { epochs: 30 }, now: ticking(), evaluationBudget: { share: 0.01 } });
    const all = every.runFor(Infinity), some = budgeted.runFor(Infinity);
    expect(all.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(some.epochs.length).toBeGreaterThan(1);
    expect(some.epochs.length).toBeLessThan(30);
    expect(some.epochs.at(-1)!.epoch).toBe(30);
    // Each record that is kept is the very evaluation the every-epoch run made at that epoch.
    for (const e of some.epochs) expect(e).toEqual(all.epochs[e.epoch - 1]);
    expect(flat(budgeted.parameters())).toEqual(flat(every.parameters()));
    expect(some.progress.metrics).toEqual(all.progress.metrics);
  });

  it('pause brings skipped metrics up to the paused parameters; stop too', () => {
    const t = createTrainer(graph, { untilStopped: true, now: ticking(), evaluationBudget: { share: 0.01 } });
    t.runFor(200);
    expect(t.progress().metrics).not.toEqual(t.evaluate()); // mid-epoch: of an earlier step
    const paused = t.pause();
    expect(paused.metrics).toEqual(t.evaluate());
    t.resume();
    t.runFor(37);
    expect(t.stop().metrics).toEqual(t.evaluate());
  });

  it('without a budget, every epoch is evaluated (the CLI, the exports\' references)', () => {
    const t = createTrainer(graph, { settings: { epochs: 4 } });
    expect(t.runFor(Infinity).epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
  });
});
