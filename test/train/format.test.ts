// File format v2: v1 files still open unchanged, bindings and datasets survive save/load, unknown
// fields are kept, and every error names its JSON path.
import { describe, expect, it } from 'vitest';
import { compileGraph, GraphFileError, parseGraphFile, serializeGraph } from '../../engine/index.ts';
import { readGraphFile } from '../../engine/index.ts';
import { bindNode, importCsv, withDataset, withTrainingSettings, DEFAULT_TRAINING_SETTINGS } from '../../engine/index.ts';
import { exampleText, tinyXor } from './support.ts';

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

function errorOf(text: string): GraphFileError {
  try {
    parseGraphFile(text);
  } catch (e) {
    if (e instanceof GraphFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const v2 = (doc: Record<string, unknown>): string => JSON.stringify({ format: 'backprop-studio-graph', version: 2, name: 't', nodes: [], edges: [], ...doc });

describe('version 1 files', () => {
  it('the lecture example is still version 1 on disk, opens, and gives the worked numbers', () => {
    const text = exampleText('lecture-two-layer.bpgraph');
    expect(JSON.parse(text).version).toBe(1);
    const { graph, fileVersion } = readGraphFile(text);
    expect(fileVersion).toBe(1);
    const program = compileGraph(graph);
    const loss = program.run();
    // The lecture's hand calculation: h1 = σ(0.8·1.5), h2 = σ(−1.2·h1), L = ½(0.25 − h2)².
    const h1 = sigma(0.8 * 1.5), h2 = sigma(-1.2 * h1);
    expect(loss).toBeCloseTo(0.5 * (0.25 - h2) ** 2, 14);
    expect(program.param('w2', 'W').grad.data[0]).toBeCloseTo((h2 - 0.25) * h2 * (1 - h2) * h1, 14);
  });

  it('is saved as version 2 with every field (including unknown ones) kept', () => {
    const graph = parseGraphFile(exampleText('lecture-two-layer.bpgraph'));
    const saved = JSON.parse(serializeGraph(graph));
    expect(saved.version).toBe(2);
    expect(saved.description).toMatch(/worked example/);
    expect(parseGraphFile(serializeGraph(graph))).toEqual(graph);
  });

  it('refuses a version newer than it knows', () => {
    expect(errorOf(v2({ version: 3 })).path).toBe('version');
  });
});

describe('dataset bindings', () => {
  it('a generated dataset and its bindings round-trip through save and load', () => {
    const graph = withTrainingSettings(tinyXor(), { ...DEFAULT_TRAINING_SETTINGS, epochs: 7 });
    const loaded = parseGraphFile(serializeGraph(graph));
    expect(loaded.datasets).toEqual({ d: { source: 'generated', generator: 'xor', seed: 1, size: 8, noise: 0.1, testFraction: 0.25, labels: 'binary' } });
    expect(loaded.nodes[0]!.binding).toEqual({ dataset: 'd', field: 'features' });
    expect(loaded.nodes[3]!.binding).toEqual({ dataset: 'd', field: 'labels' });
    expect(loaded.training).toMatchObject({ epochs: 7 });
    expect(parseGraphFile(serializeGraph(loaded))).toEqual(loaded);
  });

  it('an embedded (CSV) dataset round-trips sample for sample', () => {
    const csv = importCsv('a,b,label\n1,2,yes\n3,4,no\n5,6,yes\n', { features: ['a', 'b'], targets: ['label'], task: 'classification' });
    if (!csv.ok) throw new Error(csv.issue.message);
    let graph = withDataset(tinyXor(), 'table', csv.dataset);
    graph = bindNode(bindNode(graph, 'x', { dataset: 'table', field: 'features' }), 'y', { dataset: 'table', field: 'labels' });
    const loaded = parseGraphFile(serializeGraph(graph));
    expect((loaded.datasets as Record<string, unknown>).table).toEqual(csv.dataset);
    expect(loaded.nodes[0]!.binding).toEqual({ dataset: 'table', field: 'features' });
  });

  it('keeps unknown fields on bindings, datasets and training settings', () => {
    const text = v2({
      training: { epochs: 3, futureOption: 'x' },
      datasets: { d: { source: 'generated', generator: 'moons', colour: 'red' } },
      nodes: [{ id: 'x', kind: 'input', binding: { dataset: 'd', field: 'features', note: 'kept' } }],
    });
    const g = parseGraphFile(text);
    expect((g.training as Record<string, unknown>).futureOption).toBe('x');
    expect((g.datasets as Record<string, Record<string, unknown>>).d!.colour).toBe('red');
    expect((g.nodes[0]!.binding as Record<string, unknown>).note).toBe('kept');
  });

  it.each([
    ['a binding to a missing dataset', { nodes: [{ id: 'x', kind: 'input', binding: { dataset: 'nope', field: 'features' } }] }, 'nodes[0].binding.dataset'],
    ['a binding on a layer', { datasets: { d: { source: 'generated', generator: 'xor' } }, nodes: [{ id: 'l', kind: 'relu', binding: { dataset: 'd', field: 'features' } }] }, 'nodes[0].binding'],
    ['a bad binding field', { datasets: { d: { source: 'generated', generator: 'xor' } }, nodes: [{ id: 'x', kind: 'input', binding: { dataset: 'd', field: 'pixels' } }] }, 'nodes[0].binding.field'],
    ['an unknown generator', { datasets: { d: { source: 'generated', generator: 'mnist' } } }, 'datasets.d.generator'],
    ['a class count on moons', { datasets: { d: { source: 'generated', generator: 'moons', classes: 3 } } }, 'datasets.d.classes'],
    ['too many samples', { datasets: { d: { source: 'generated', generator: 'moons', size: 10_000_000 } } }, 'datasets.d.size'],
    ['embedded labels that are not one-hot', { datasets: { d: { source: 'embedded', task: 'classification', featureNames: ['a'], labelNames: ['p', 'q'], features: { shape: [2, 1], data: [1, 2] }, labels: { shape: [2, 2], data: [1, 0, 1, 1] } } } }, 'datasets.d.labels.data'],
    ['a negative learning rate', { training: { learningRate: -1 } }, 'training.learningRate'],
    ['an unknown optimiser', { training: { optimizer: 'rmsprop' } }, 'training.optimizer'],
  ])('reports %s with its JSON path', (_what, doc, path) => {
    expect(errorOf(v2(doc)).path).toBe(path);
  });
});
