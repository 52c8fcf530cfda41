// Bindings connect the document to data: an imported CSV trains like a generated set, a preview puts
// real samples on the canvas, and set-up mistakes name the field to fix.
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../engine/index.ts';
import { bindNode, importCsv, TrainingSetupError, withDataset, withoutDataset } from '../../engine/index.ts';
import { createTrainer, withDatasetPreview } from '../../engine/index.ts';
import { tinyXor } from './support.ts';

function setupError(run: () => unknown): TrainingSetupError {
  try {
    run();
  } catch (e) {
    if (e instanceof TrainingSetupError) return e;
    throw e;
  }
  throw new Error('expected a TrainingSetupError');
}

describe('bindings', () => {
  it('a graph bound to an imported CSV learns its rule', () => {
    // label = 1 exactly when a > b: linearly separable, so one sigmoid unit learns it.
    const rows = Array.from({ length: 40 }, (_, i) => { const a = (i * 7) % 10, b = (i * 3) % 10 + 0.5; return `${a},${b},${a > b ? 'hi' : 'lo'}`; });
    const csv = importCsv(['a,b,label', ...rows].join('\n'), { features: ['a', 'b'], targets: ['label'], task: 'classification', testFraction: 0 });
    if (!csv.ok) throw new Error(csv.issue.message);
    let g = withDataset(tinyXor({ training: { optimizer: 'adam', learningRate: 0.1, epochs: 300, batchSize: 8 } }), 'csv', csv.dataset);
    g = bindNode(bindNode(g, 'x', { dataset: 'csv', field: 'features' }), 'y', { dataset: 'csv', field: 'labels' });
    // Two one-hot columns now, so the target and the layer widen to 2 and the loss becomes softmax_ce.
    g = { ...g, nodes: g.nodes.map((n) => (n.id === 'y' ? { ...n, config: { size: 2 } } : n.id === 'fc' ? { ...n, config: { in: 2, out: 2 } } : n.id === 'loss' ? { ...n, kind: 'softmax_ce' } : n)) };
    g = { ...g, nodes: g.nodes.filter((n) => n.id !== 'p'), edges: [...g.edges.filter((e) => e.source !== 'p' && e.target !== 'p'), { id: 'fc-loss', source: 'fc', sourcePort: 'out', target: 'loss', targetPort: 'logits' }] };
    const { progress } = createTrainer(g).runFor(Infinity);
    expect(progress.failure).toBeNull();
    expect(progress.metrics!.trainAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('the preview writes the first training samples into the bound nodes, and the graph runs', () => {
    const preview = withDatasetPreview(tinyXor(), 3);
    const x = preview.nodes.find((n) => n.id === 'x')!;
    expect(x.value!.shape).toEqual([3, 2]);
    const trainer = createTrainer(tinyXor());
    expect(x.value!.data).toEqual(Array.from(trainer.feed.sources[0]!.train.subarray(0, 6)));
    expect(compileGraph(preview).batch).toBe(3);
  });

  it('removing a dataset removes the bindings to it', () => {
    const g = withoutDataset(tinyXor(), 'd');
    expect(g.nodes.some((n) => 'binding' in n)).toBe(false);
    expect(g.datasets).toEqual({});
  });

  it('names the field when a bound size does not fit, bindings mix datasets, or there is no loss', () => {
    const g = tinyXor();
    const wide = { ...g, nodes: g.nodes.map((n) => (n.id === 'y' ? { ...n, config: { size: 2 } } : n)) };
    expect(setupError(() => createTrainer(wide)).path).toBe('nodes[3].config.size');
    const two = { ...g, datasets: { ...(g.datasets as object), e: { source: 'generated', generator: 'moons', labels: 'binary' } } };
    const mixed = bindNode(two, 'y', { dataset: 'e', field: 'labels' });
    expect(setupError(() => createTrainer(mixed)).path).toBe('nodes[3].binding.dataset');
    const noLoss = { ...g, nodes: g.nodes.filter((n) => n.id !== 'loss'), edges: g.edges.filter((e) => e.target !== 'loss') };
    expect(setupError(() => createTrainer(noLoss)).message).toMatch(/no loss node/);
    expect(setupError(() => createTrainer(g, { settings: { batchSize: 0 } })).path).toBe('training.batchSize');
  });
});
