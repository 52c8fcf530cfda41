// The pure document edits behind the editor: reshaping keeps what the user typed, connections that
// would break the network are refused with a reason, deletes take their edges along.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initParam, parseGraphFile, type Graph } from '../../../engine/index.ts';
import { addNode, deleteElements, keepOverlap, reinitParams, setBatch, setConfig, setTensorEntry, tryConnect } from '../../../renderer/model/graph-ops.ts';

const lecture = (): Graph => parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));

describe('keepOverlap', () => {
  it('copies the shared top-left block of a matrix and leaves the rest of the fresh tensor', () => {
    const old = { shape: [2, 2], data: [1, 2, 3, 4] };
    const fresh = { shape: [3, 1], data: [9, 9, 9] };
    expect(keepOverlap(old, fresh)).toEqual({ shape: [3, 1], data: [1, 3, 9] });
  });
  it('copies the shared prefix of a vector', () => {
    expect(keepOverlap({ shape: [2], data: [5, 6] }, { shape: [3], data: [0, 0, 0] })).toEqual({ shape: [3], data: [5, 6, 0] });
  });
});

describe('setConfig', () => {
  it('grows a linear layer: W keeps the old block, new entries come from the seeded initialiser, b is padded with zeros', () => {
    let g = addNode({ name: 't', seed: 7, nodes: [], edges: [] }, 'linear', { x: 0, y: 0 }).graph;
    g = setTensorEntry(g, 'linear1', { param: 'W' }, 0, 0.5);
    g = setTensorEntry(g, 'linear1', { param: 'b' }, 0, -0.25);
    g = setConfig(g, 'linear1', { in: 2, out: 2 });
    const p = g.nodes[0]!.params!;
    const fresh = initParam('xavier', [2, 2], 7, 'linear1', 'W').data;
    expect(p.W).toEqual({ shape: [2, 2], data: [0.5, fresh[1], fresh[2], fresh[3]] });
    expect(p.b).toEqual({ shape: [2], data: [-0.25, 0] });
  });
  it('turning bias off removes b', () => {
    const g = setConfig(addNode({ name: 't', nodes: [], edges: [] }, 'linear', { x: 0, y: 0 }).graph, 'linear1', { bias: false });
    expect(Object.keys(g.nodes[0]!.params!)).toEqual(['W']);
  });
  it('resizing a data node keeps its values and zero-fills the new features', () => {
    const g = setConfig(lecture(), 'x', { size: 2 });
    expect(g.nodes.find((n) => n.id === 'x')!.value).toEqual({ shape: [1, 2], data: [1.5, 0] });
  });
});

describe('setBatch', () => {
  it('reshapes every data node to the new batch, so the graph stays consistent', () => {
    const g = setBatch(lecture(), 3);
    expect(g.nodes.find((n) => n.id === 'x')!.value).toEqual({ shape: [3, 1], data: [1.5, 0, 0] });
    expect(g.nodes.find((n) => n.id === 'y')!.value).toEqual({ shape: [3, 1], data: [0.25, 0, 0] });
  });
});

describe('tryConnect', () => {
  it('refuses a cycle and names the loop, its nodes and existing edges', () => {
    const g = deleteElements(lecture(), [], ['e-x-w1']);
    const r = tryConnect(g, { source: 'h2', target: 'w1', targetPort: 'in' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain('cycle');
    expect(new Set(r.loopNodes)).toEqual(new Set(['w1', 'h1', 'w2', 'h2']));
    expect(new Set(r.loopEdges)).toEqual(new Set(['e-w1-h1', 'e-h1-w2', 'e-w2-h2']));
  });
  it('refuses a second edge into an occupied port', () => {
    const r = tryConnect(lecture(), { source: 'x', target: 'h1', targetPort: 'in' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('already fed by "w1"') });
  });
  it('refuses incompatible shapes', () => {
    // A linear layer's `in` follows its input (issue 10.11), so the mismatch is at the loss: pred [1, 1], target [1, 2].
    const g = deleteElements(setConfig(lecture(), 'y', { size: 2 }), [], ['e-y-loss']);
    const r = tryConnect(g, { source: 'y', target: 'loss', targetPort: 'target' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('[1, 2]') });
  });
  it('adds a valid edge with a fresh id', () => {
    const g = deleteElements(lecture(), [], ['e-x-w1']);
    const r = tryConnect(g, { source: 'x', target: 'w1', targetPort: 'in' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.graph.edges.at(-1)).toMatchObject({ source: 'x', sourcePort: 'out', target: 'w1', targetPort: 'in' });
  });
});

describe('deleteElements and reinitParams', () => {
  it('deleting a node removes the edges touching it', () => {
    const g = deleteElements(lecture(), ['h1'], []);
    expect(g.edges.map((e) => e.id)).toEqual(['e-x-w1', 'e-w2-h2', 'e-h2-loss', 'e-y-loss']);
  });
  it('re-initialising draws from the given seed, deterministically', () => {
    const a = reinitParams(lecture(), 'w1', 3), b = reinitParams(lecture(), 'w1', 3), c = reinitParams(lecture(), 'w1', 4);
    const w = (g: Graph) => g.nodes.find((n) => n.id === 'w1')!.params!.W!.data;
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    expect(w(a)).toEqual(Array.from(initParam('xavier', [1, 1], 3, 'w1', 'W').data));
  });
});

describe('dataset-bound data nodes', () => {
  it('resizing a bound node leaves its (absent) value alone', () => {
    const bound: Graph = { name: 'b', nodes: [{ id: 'x', kind: 'input', config: { size: 2 }, binding: { dataset: 'd', field: 'features' } }], edges: [] };
    const next = setConfig(bound, 'x', { size: 3 });
    expect(next.nodes[0]!.config).toEqual({ size: 3 });
    expect(next.nodes[0]!.value).toBeUndefined();
  });
});
