// A run's result still fits the document after the user only moved nodes or renamed the graph;
// any edit that changes what trains (config, params, edges, data, settings) means it does not.
import { describe, expect, it } from 'vitest';
import { moveNodes } from '../../../renderer/model/graph-ops.ts';
import type { Graph } from '../../../engine/index.ts';
import { changesModel, diffGraphs } from '../../../renderer/model/graph-change.ts';
import { example } from './support.ts';

/** Live results and the write-back apply while the change since the run began leaves the model as it was. */
const sameModel = (a: Graph, b: Graph): boolean => !changesModel(diffGraphs(b, a));

describe('sameModel', () => {
  const g = example('xor-mlp');
  it('ignores moved nodes and a new name', () => {
    const moved = moveNodes(g, new Map([['fc1', { x: 999, y: 5 }]]));
    expect(moved).not.toBe(g);
    expect(sameModel({ ...moved, name: 'renamed' }, g)).toBe(true);
  });
  it('notices config, parameter, edge, node and settings edits', () => {
    const fc1 = g.nodes.findIndex((n) => n.id === 'fc1');
    const withNode = (patch: object) => ({ ...g, nodes: g.nodes.map((n, i) => (i === fc1 ? { ...n, ...patch } : n)) });
    // An edited config (a copy with equal content was "an edit" when this compared references; the one
    // graph diff compares content, as the history and the engine client always did).
    expect(sameModel(withNode({ config: { ...g.nodes[fc1]!.config, out: 7 } }), g)).toBe(false);
    expect(sameModel(withNode({ config: { ...g.nodes[fc1]!.config } }), g)).toBe(true);
    expect(sameModel(withNode({ params: {} }), g)).toBe(false);
    expect(sameModel({ ...g, edges: g.edges.slice(1) }, g)).toBe(false);
    expect(sameModel({ ...g, nodes: g.nodes.slice(1) }, g)).toBe(false);
    expect(sameModel({ ...g, training: { learningRate: 1 } }, g)).toBe(false);
  });
});
