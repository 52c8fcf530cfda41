// A single step in detail: the rows of the mini-batch, every parameter before, its gradient and after.
// The gradient is the one the graph computes on exactly those rows with the parameters before the step.
import { describe, expect, it } from 'vitest';
import { compileGraph, createTrainer, withDatasetRows, withParameters, type ParamJson } from '../../engine/index.ts';
import { loadExample } from './support.ts';

describe('Trainer.stepDetailed', () => {
  it('plain SGD: after = before − lr·grad, the grad being the graph\'s own on the batch\'s rows', () => {
    const graph = loadExample('two-moons-tanh.bpgraph');
    const trainer = createTrainer(graph, { settings: { optimizer: 'sgd', momentum: 0, learningRate: 0.1, batchSize: 16 } });
    trainer.step(); // not the first step: the parameters have moved from their initial draw
    const s = trainer.stepDetailed()!;
    expect(s.rows).toHaveLength(16);
    expect(new Set(s.rows).size).toBe(16);
    expect(s.learningRate).toBe(0.1);
    const before: ParamJson = {};
    for (const p of s.params) (before[p.nodeId] ??= {})[p.name] = { shape: [...p.shape], data: p.before };
    const oracle = compileGraph(withParameters(withDatasetRows(graph, s.rows), before));
    oracle.run();
    for (const p of s.params) {
      const own = oracle.parameters().find((q) => q.nodeId === p.nodeId && q.name === p.name)!;
      expect(p.grad).toEqual(Array.from(own.grad.data));
      p.after.forEach((a, k) => expect(a).toBe(p.before[k]! - 0.1 * p.grad[k]!));
      expect(p.after).toEqual(Array.from(trainer.params.get(p.nodeId, p.name)!.data));
    }
    expect(s.record.step).toBe(2);
  });

  it('Adam: the change is not −lr·grad, and the store holds the after values', () => {
    const trainer = createTrainer(loadExample('xor-mlp.bpgraph'), { settings: { optimizer: 'adam', learningRate: 0.01 } });
    const s = trainer.stepDetailed()!;
    const p = s.params[0]!;
    expect(p.after).toEqual(Array.from(trainer.params.get(p.nodeId, p.name)!.data));
    // Adam's first step moves each entry by lr·|g|/(|g| + ε): lr, whatever the gradient's size (unlike −lr·g).
    p.after.forEach((a, k) => { if (Math.abs(p.grad[k]!) > 1e-4) expect(Math.abs(a - p.before[k]!)).toBeCloseTo(0.01, 5); });
    expect(p.grad.some((g, k) => Math.abs(p.after[k]! - (p.before[k]! - 0.01 * g)) > 1e-6)).toBe(true);
  });

  it('withDatasetRows refuses a row that is not in the training split', () => {
    const graph = loadExample('xor-mlp.bpgraph');
    expect(() => withDatasetRows(graph, [0, 10_000])).toThrow(/training row 10000 does not exist/);
  });
});
