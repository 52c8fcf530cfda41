// Binding edits are pure, survive a save and reopen, and give graphs the engine can run on real samples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildDataset, compileGraph, importCsv, parseGraphFile, serializeGraph, withDatasetPreview,
  type DatasetSpec, type Graph, type GraphNode,
} from '../../../engine/index.ts';
import {
  bindToDataset, bindToNewDataset, fitBoundSizes, freshDatasetName, replaceDataset, setBindingField, sizeMismatches, unbindDataset,
} from '../../../renderer/data-ui/bind.ts';

const moonsFile = () => parseGraphFile(readFileSync(new URL('../../../examples/two-moons-tanh.bpgraph', import.meta.url), 'utf8'));

/** x (input, size 1, fixed value) → fc → mse ← y (target, size 1): a graph with nothing bound. */
function regression(): Graph {
  return {
    name: 'r', seed: 0,
    nodes: [
      { id: 'x', kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [0.5] } },
      { id: 'fc', kind: 'linear', config: { in: 1, out: 1 }, params: { W: { shape: [1, 1], data: [2] }, b: { shape: [1], data: [0] } } },
      { id: 'y', kind: 'target', config: { size: 1 }, value: { shape: [1, 1], data: [1] } },
      { id: 'loss', kind: 'mse', config: { reduction: 'mean' } },
    ],
    edges: [
      { id: 'e1', source: 'x', sourcePort: 'out', target: 'fc', targetPort: 'in' },
      { id: 'e2', source: 'fc', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
      { id: 'e3', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' },
    ],
  };
}
const sine: DatasetSpec = { source: 'generated', generator: 'sine', seed: 5, size: 40, testFraction: 0.25 };
const node = (g: Graph, id: string): GraphNode => g.nodes.find((n) => n.id === id)!;
const roundTrip = (g: Graph): Graph => parseGraphFile(serializeGraph(g));

describe('bindToNewDataset', () => {
  it('adds the dataset under a fresh name, binds input to features and target to labels, and drops the stale values', () => {
    const before = regression();
    const frozen = structuredClone(before);
    const { graph, name } = bindToNewDataset(before, 'x', sine, { field: 'features', fitSize: true, bindOthers: true });
    expect(before).toEqual(frozen); // the old document stays intact for undo
    expect(name).toBe('data');
    expect(node(graph, 'x').binding).toEqual({ dataset: 'data', field: 'features' });
    expect(node(graph, 'y').binding).toEqual({ dataset: 'data', field: 'labels' });
    expect(node(graph, 'x').value).toBeUndefined();
    expect(node(graph, 'y').value).toBeUndefined();
    expect(node(graph, 'fc')).toBe(before.nodes[1]);
  });

  it('runs in the engine on the first training samples of the dataset', () => {
    const { graph } = bindToNewDataset(regression(), 'x', sine, { field: 'features', fitSize: true, bindOthers: true });
    const preview = withDatasetPreview(graph, 4);
    const data = buildDataset(sine);
    expect(node(preview, 'x').value).toEqual({ shape: [4, 1], data: Array.from(data.train.features.subarray(0, 4)) });
    expect(node(preview, 'y').value).toEqual({ shape: [4, 1], data: Array.from(data.train.labels.subarray(0, 4)) });
    const loss = compileGraph(preview).run();
    expect(Number.isFinite(loss)).toBe(true);
  });

  it('is saved as generator + seed and reads back identically', () => {
    const { graph } = bindToNewDataset(regression(), 'x', sine, { field: 'features', fitSize: true, bindOthers: true });
    const text = serializeGraph(graph);
    expect(JSON.parse(text).datasets).toEqual({ data: sine });
    expect(roundTrip(graph)).toEqual(graph);
  });

  it('picks a name not taken and leaves the other data nodes alone when asked', () => {
    const withOne = bindToNewDataset(regression(), 'x', sine, { field: 'features', fitSize: true, bindOthers: false }).graph;
    expect(node(withOne, 'y').binding).toBeUndefined();
    expect(node(withOne, 'y').value).toEqual(regression().nodes[2]!.value);
    expect(freshDatasetName(withOne)).toBe('data2');
    const second = bindToNewDataset(withOne, 'y', sine, { field: 'labels', fitSize: true, bindOthers: false });
    expect(second.name).toBe('data2');
    expect(Object.keys(second.graph.datasets as object)).toEqual(['data', 'data2']);
  });

  it('sets the node size to the dataset width only when asked, and reports the mismatch otherwise', () => {
    const moons: DatasetSpec = { source: 'generated', generator: 'moons', seed: 1, size: 50, testFraction: 0.2 };
    const kept = bindToNewDataset(regression(), 'y', moons, { field: 'labels', fitSize: false, bindOthers: false }).graph;
    expect(node(kept, 'y').config).toEqual({ size: 1 });
    expect(sizeMismatches(kept, 'data')).toEqual([{ nodeId: 'y', size: 1, width: 2, field: 'labels' }]);
    const fitted = fitBoundSizes(kept, 'data');
    expect(node(fitted, 'y').config).toEqual({ size: 2 });
    expect(sizeMismatches(fitted, 'data')).toEqual([]);
    const asked = bindToNewDataset(regression(), 'y', moons, { field: 'labels', fitSize: true, bindOthers: false }).graph;
    expect(node(asked, 'y').config).toEqual({ size: 2 });
  });
});

describe('editing a bound dataset', () => {
  it('replacing the recipe in place moves both bound nodes to the new samples', () => {
    const g = moonsFile();
    const spec = g.datasets as Record<string, DatasetSpec>;
    const noisier = replaceDataset(g, 'data', { ...spec.data!, noise: 0.3 } as DatasetSpec);
    expect(node(noisier, 'x').binding).toEqual(node(g, 'x').binding);
    const a = node(withDatasetPreview(g), 'x').value!, b = node(withDatasetPreview(noisier), 'x').value!;
    expect(b.shape).toEqual(a.shape);
    expect(b.data).not.toEqual(a.data);
    expect(roundTrip(noisier)).toEqual(noisier);
  });

  it('switching to blobs with 3 classes leaves the 2-wide target mismatched until sizes are matched', () => {
    const g = moonsFile();
    const spec: DatasetSpec = { source: 'generated', generator: 'blobs', classes: 3, seed: 1, size: 90, testFraction: 0.2 };
    const blobs = replaceDataset(g, 'data', spec);
    expect(sizeMismatches(blobs, 'data')).toEqual([{ nodeId: 'y', size: 2, width: 3, field: 'labels' }]);
    expect(() => withDatasetPreview(blobs)).toThrow(/size 2/);
    expect(node(replaceDataset(g, 'data', spec, true), 'y').config).toEqual({ size: 3 });
  });

  it('changes the field a node takes', () => {
    const g = setBindingField(moonsFile(), 'x', 'labels');
    expect(node(g, 'x').binding).toEqual({ dataset: 'data', field: 'labels' });
  });

  it('binds a second node to an existing dataset', () => {
    const one = bindToNewDataset(regression(), 'x', sine, { field: 'features', fitSize: true, bindOthers: false }).graph;
    const both = bindToDataset(one, 'y', 'data', { field: 'labels', fitSize: true, bindOthers: false });
    expect(node(both, 'y').binding).toEqual({ dataset: 'data', field: 'labels' });
    expect(Number.isFinite(compileGraph(withDatasetPreview(both)).run())).toBe(true);
  });
});

describe('unbindDataset', () => {
  it('unbinds every node of the dataset, drops it, and keeps the shown samples as fixed values', () => {
    const g = moonsFile();
    const shown = withDatasetPreview(g, 4);
    const plain = unbindDataset(g, 'x');
    expect(plain.datasets).toBeUndefined();
    expect(plain.nodes.some((n) => n.binding !== undefined)).toBe(false);
    expect(node(plain, 'x').value).toEqual(node(shown, 'x').value);
    expect(node(plain, 'y').value).toEqual(node(shown, 'y').value);
    expect(Number.isFinite(compileGraph(plain).run())).toBe(true);
    expect(roundTrip(plain)).toEqual(plain);
  });

  it('falls back to zeros of the graph batch when another fixed node has a different batch', () => {
    const bound = bindToNewDataset(regression(), 'x', sine, { field: 'features', fitSize: true, bindOthers: false }).graph;
    const plain = unbindDataset(bound, 'x');
    expect(node(plain, 'x').value).toEqual({ shape: [1, 1], data: [0] });
    expect(node(plain, 'x').binding).toBeUndefined();
  });
});

describe('CSV datasets', () => {
  it('an imported CSV is embedded, bound, and survives a save and reopen', () => {
    const csv = 'a,b,kind\n0,1,red\n1,0,blue\n1,1,red\n0,0,blue\n0.5,0.5,red\n';
    const r = importCsv(csv, { features: ['a', 'b'], targets: ['kind'], task: 'classification' });
    if (!r.ok) throw new Error(r.issue.message);
    const g = moonsFile();
    const replaced = replaceDataset(g, 'data', r.dataset, true);
    expect(replaced.datasets).toEqual({ data: r.dataset });
    expect(roundTrip(replaced)).toEqual(replaced);
    const preview = withDatasetPreview(replaced, 4);
    expect(node(preview, 'y').value!.shape).toEqual([4, 2]);
    expect(Number.isFinite(compileGraph(preview).run())).toBe(true);
  });
});
