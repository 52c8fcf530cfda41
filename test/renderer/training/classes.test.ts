// The Classes tab's data: the training worker sends the engine's confusion matrix of a run with more
// than two classes (with the misclassified digits' pixels), and nothing for a binary task.
import { describe, expect, it } from 'vitest';
import { buildDataset, createTrainer, graphDatasets } from '../../../engine/index.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { example, harness } from './support.ts';

describe('classes reports from the training worker', () => {
  it('iris: the last report is the confusion matrix of the trained parameters, as an engine trainer computes it', () => {
    const h = harness();
    const graph = example('iris-mlp');
    h.send({ type: 'train', graph, settings: { epochs: 20 } });
    h.drain();
    const reports = h.of('classes');
    expect(reports.length).toBeGreaterThan(1); // with every boundary picture, and at the end
    const last = reports.at(-1)!.report;
    const oracle = createTrainer(graph, { settings: { epochs: 20 } });
    oracle.runFor(Infinity);
    expect(last.counts).toEqual(oracle.confusion('test')!.counts);
    expect(last.split).toBe('test');
    expect(last.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(last.image).toBeNull();
    expect(last.counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('digits: each shown mistake carries its 64 pixels, those of that test sample', () => {
    const h = harness();
    const graph = example('digits-mlp');
    h.send({ type: 'train', graph, settings: { epochs: 1 } });
    h.drain();
    const report = h.of('classes').at(-1)!.report;
    expect(report.image).toEqual({ rows: 8, cols: 8 });
    expect(report.mistakes).toBeGreaterThan(0);
    const test = buildDataset(graphDatasets(graph).data!).test;
    for (const m of report.shown) {
      expect(m.pixels).toEqual(Array.from(test.features.subarray(m.sample * 64, m.sample * 64 + 64)));
      expect(test.labels[m.sample * 10 + m.actual]).toBe(1);
      expect(m.predicted).not.toBe(m.actual);
    }
  });

  it('a binary task (XOR) sends none, and a new run clears the last one in the store', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('xor-mlp'), settings: { epochs: 5 } });
    h.drain();
    expect(h.of('classes')).toEqual([]);
    const store = useTraining.getState();
    store.apply({ type: 'classes', report: { split: 'test', step: 1, labelNames: ['a', 'b', 'c'], counts: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], mistakes: 0, image: null, shown: [] } });
    expect(useTraining.getState().classes).not.toBeNull();
    const started = h.of('started')[0]!;
    useTraining.getState().apply(started);
    expect(useTraining.getState().classes).toBeNull();
  });
});
