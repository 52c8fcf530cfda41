// Seeded initialisation and topological order must be reproducible, and independent per node.
import { describe, expect, it } from 'vitest';
import { compileGraph, initParam, topologicalOrder, type Graph } from '../../engine/index.ts';
import { dataNode, edge, graph, opNode } from './support/graphs.ts';

/** Two unparameterised linear layers of the same shape, side by side. */
const twoLayers = (seed: number | undefined, extra: Graph['nodes'] = []): Graph => graph([
  dataNode('x', 'input', 1, 3, [1, 2, 3]),
  ...extra,
  { id: 'l1', kind: 'linear', config: { in: 3, out: 4 } },
  { id: 'l2', kind: 'linear', config: { in: 3, out: 4 } },
], [edge('x', 'l1', 'in'), edge('x', 'l2', 'in')], seed === undefined ? {} : { seed });

const weights = (g: Graph, id: string): number[] => Array.from(compileGraph(g).param(id, 'W').value.data);

describe('seeded initialisation', () => {
  it('the same seed gives identical weights on every compile', () => {
    expect(weights(twoLayers(7), 'l1')).toEqual(weights(twoLayers(7), 'l1'));
    expect(weights(twoLayers(undefined), 'l1')).toEqual(weights(twoLayers(0), 'l1')); // the seed defaults to 0
  });

  it('a different seed gives different weights', () => {
    expect(weights(twoLayers(7), 'l1')).not.toEqual(weights(twoLayers(8), 'l1'));
  });

  it('different node ids draw from different streams', () => {
    const w1 = weights(twoLayers(7), 'l1'), w2 = weights(twoLayers(7), 'l2');
    expect(w1).not.toEqual(w2);
    expect(new Set([...w1, ...w2]).size).toBe(w1.length + w2.length);
  });

  it('adding a node does not change the initial weights of the others', () => {
    const g = twoLayers(7, [{ id: 'l0', kind: 'linear', config: { in: 3, out: 4 } }]);
    g.edges.push(edge('x', 'l0', 'in'));
    expect(weights(g, 'l2')).toEqual(weights(twoLayers(7), 'l2'));
  });

  it('the parameter name is part of the stream, and biases start at zero', () => {
    expect(Array.from(initParam('xavier', [2, 2], 1, 'n', 'W').data)).not.toEqual(Array.from(initParam('xavier', [2, 2], 1, 'n', 'V').data));
    expect(Array.from(compileGraph(twoLayers(7)).param('l1', 'b').value.data)).toEqual([0, 0, 0, 0]);
  });

  it('schemes have their documented spread: xavier within ±√(6/(in+out)), he std √(2/in), normal std 0.1, zeros', () => {
    const std = (d: Float64Array): number => Math.sqrt(d.reduce((s, v) => s + v * v, 0) / d.length);
    const xavier = initParam('xavier', [40, 60], 3, 'a', 'W').data;
    expect(Math.max(...xavier.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 100));
    expect(std(xavier)).toBeCloseTo(Math.sqrt(6 / 100) / Math.sqrt(3), 2);
    expect(std(initParam('he', [200, 50], 3, 'a', 'W').data) / Math.sqrt(2 / 50)).toBeCloseTo(1, 1);
    expect(std(initParam('normal', [200, 50], 3, 'a', 'W').data) / 0.1).toBeCloseTo(1, 1);
    expect(initParam('zeros', [3, 3], 3, 'a', 'W').data.every((v) => v === 0)).toBe(true);
  });
});

describe('topological order', () => {
  it('is deterministic and breaks ties by document order', () => {
    const nodes = [dataNode('b', 'input', 1, 1, [1]), dataNode('a', 'input', 1, 1, [2]), opNode('sum', 'add'), opNode('s', 'sigmoid')];
    const edges = [edge('a', 'sum', 'a'), edge('b', 'sum', 'b'), edge('b', 's', 'in')];
    expect(compileGraph(graph(nodes, edges)).results().order).toEqual(['b', 'a', 'sum', 's']);
    expect(compileGraph(graph(nodes, [...edges].reverse())).results().order).toEqual(['b', 'a', 'sum', 's']);
    expect(compileGraph(graph([nodes[1]!, nodes[0]!, nodes[3]!, nodes[2]!], edges)).results().order).toEqual(['a', 'b', 's', 'sum']);
  });

  it('places a node after all its inputs even when the document lists it first', () => {
    const r = topologicalOrder(['loss', 'p', 'x'], [
      { id: '1', source: 'x', sourcePort: 'out', target: 'p', targetPort: 'in' },
      { id: '2', source: 'p', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
    ]);
    expect(r).toEqual({ order: ['x', 'p', 'loss'] });
  });
});
