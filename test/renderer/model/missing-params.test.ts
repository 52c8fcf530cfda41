import { describe, expect, it } from 'vitest';
import { compileGraph, type Graph } from '../../../engine/index.ts';
import { withMissingParams } from '../../../renderer/model/graph-ops.ts';

const graph = (params?: Record<string, { shape: number[]; data: number[] }>): Graph => ({
  name: 't', seed: 7,
  nodes: [
    { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [1, 2] } },
    { id: 'l', kind: 'linear', config: { in: 2, out: 3, init: 'he' }, ...(params ? { params } : {}) },
  ],
  edges: [{ id: 'e', source: 'x', sourcePort: 'out', target: 'l', targetPort: 'in' }],
});

describe('withMissingParams', () => {
  it('fills in exactly the parameters the engine would initialise', () => {
    const filled = withMissingParams(graph());
    const engine = compileGraph(graph()).param('l', 'W').value;
    expect(filled.nodes[1]!.params!.W!.data).toEqual(Array.from(engine.data));
    expect(filled.nodes[1]!.params!.b).toEqual({ shape: [3], data: [0, 0, 0] });
  });

  it('keeps stored tensors, even wrong ones, and returns the same graph when nothing is missing', () => {
    const wrong = { W: { shape: [2, 2], data: [1, 2, 3, 4] }, b: { shape: [3], data: [1, 1, 1] } };
    const g = graph(wrong);
    expect(withMissingParams(g)).toBe(g);
  });
});
