// Issue 10.11–10.12: sizes follow the wiring, and an unwired node leaves the rest of the graph running.
import { describe, expect, it } from 'vitest';
import { compileGraph, type Graph } from '../../../engine/index.ts';
import { runDocument } from '../../../renderer/engine-client/run-document.ts';
import { addNode, deleteElements, followWiring, setConfig, tryConnect } from '../../../renderer/model/graph-ops.ts';
import { wiredPart, wiringMarks } from '../../../renderer/model/wired-part.ts';
import { indexGraph } from '../../../renderer/model/graph-index.ts';
import { lectureGraph } from '../math/fixtures.ts';

const linearIn = (g: Graph, id: string): unknown => (g.nodes.find((n) => n.id === id)!.config as { in?: number }).in;
const W = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!.params!.W!;

describe('a Linear\'s in follows what is wired into it', () => {
  it('takes the width of a 3-wide input when connected, and W becomes [out, 3]', () => {
    let g: Graph = { name: 't', seed: 1, nodes: [], edges: [] };
    g = addNode(g, 'input', { x: 0, y: 0 }).graph;
    g = addNode(g, 'linear', { x: 200, y: 0 }).graph;
    g = setConfig(g, 'input1', { size: 3 });
    expect(linearIn(g, 'linear1')).toBe(1);
    const r = tryConnect(g, { source: 'input1', target: 'linear1', targetPort: 'in' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(linearIn(r.graph, 'linear1')).toBe(3);
    expect(W(r.graph, 'linear1').shape).toEqual([1, 3]);
    expect(compileGraph(r.graph).run()).toBeNull(); // it runs: no loss, no error
  });

  it('passes a changed width down a chain, keeping the weights that overlap', () => {
    const g = lectureGraph();
    const wider = followWiring(setConfig(g, 'w1', { out: 2 }), { except: 'w1' });
    expect(linearIn(wider, 'w2')).toBe(2);
    expect(W(wider, 'w2').shape).toEqual([1, 2]);
    expect(W(wider, 'w2').data[0]).toBe(-1.2);
    // The node being edited keeps the `in` that was typed (the mismatch is then shown).
    const typed = followWiring(setConfig(g, 'w1', { in: 2 }), { except: 'w1' });
    expect(linearIn(typed, 'w1')).toBe(2);
    expect(followWiring(g)).toBe(g);
  });

  it('gives the layer that makes the prediction the width of the target (through its activation)', () => {
    const g = lectureGraph();
    const r = tryConnect(deleteElements(setConfig(g, 'y', { size: 3 }), [], ['e-y-loss']), { source: 'y', target: 'loss', targetPort: 'target' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.graph.nodes.find((n) => n.id === 'w2')!.config as { out: number }).out).toBe(3);
    expect(W(r.graph, 'w2').shape).toEqual([3, 1]);
    expect(W(r.graph, 'w2').data[0]).toBe(-1.2);
    expect(compileGraph(r.graph).run()).toBeGreaterThan(0);
  });
});

describe('a newly dropped Linear takes its bias and in from the graph where that is unambiguous', () => {
  const cfg = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!.config as { in: number; out: number; bias: boolean };
  it('has no bias in the lecture graph, whose layers have none, and the defaults where nothing is open', () => {
    const { graph: g, id } = addNode(lectureGraph(), 'linear', { x: 0, y: 400 });
    expect(cfg(g, id)).toMatchObject({ bias: false, in: 1, out: 1 });
    expect(Object.keys(g.nodes.find((n) => n.id === id)!.params!)).toEqual(['W']);
  });

  it('takes in from the one output that feeds nothing yet, and keeps the bias its neighbours have', () => {
    let g: Graph = { name: 't', seed: 1, nodes: [], edges: [] };
    g = setConfig(addNode(g, 'input', { x: 0, y: 0 }).graph, 'input1', { size: 3 });
    g = addNode(g, 'linear', { x: 200, y: 0 }).graph;
    expect(cfg(g, 'linear1')).toMatchObject({ in: 3, bias: true });
    const r = tryConnect(setConfig(g, 'linear1', { out: 5 }), { source: 'input1', target: 'linear1', targetPort: 'in' });
    if (!r.ok) throw new Error(r.reason);
    const next = addNode(r.graph, 'linear', { x: 400, y: 0 });
    expect(cfg(next.graph, next.id)).toMatchObject({ in: 5, bias: true });
    expect(W(next.graph, next.id).shape).toEqual([1, 5]);
  });

  it('keeps the defaults where it is ambiguous: two open ends, layers that disagree on bias', () => {
    let g: Graph = { name: 't', seed: 1, nodes: [], edges: [] };
    g = setConfig(addNode(g, 'input', { x: 0, y: 0 }).graph, 'input1', { size: 3 });
    g = setConfig(addNode(g, 'input', { x: 0, y: 200 }).graph, 'input2', { size: 4 });
    g = setConfig(addNode(g, 'linear', { x: 200, y: 0 }).graph, 'linear1', { bias: false });
    g = setConfig(addNode(g, 'linear', { x: 200, y: 200 }).graph, 'linear2', { bias: true });
    const { graph, id } = addNode(g, 'linear', { x: 400, y: 0 });
    expect(cfg(graph, id)).toMatchObject({ in: 1, out: 1, bias: true });
  });
});

describe('an unwired node no longer makes the graph invalid', () => {
  const withDangling = (): Graph => {
    const g = lectureGraph();
    return {
      ...g,
      nodes: [...g.nodes, { id: 'linear9', kind: 'linear', config: { in: 1, out: 1 } }, { id: 'tanh9', kind: 'tanh' }],
      edges: [...g.edges, { id: 'e-9', source: 'linear9', sourcePort: 'out', target: 'tanh9', targetPort: 'in' }],
    };
  };

  it('leaves out the unwired node and what it feeds; the rest runs with the lecture\'s numbers', () => {
    const g = withDangling();
    const part = wiredPart(g);
    expect([...part.unwired].sort()).toEqual(['linear9', 'tanh9']);
    expect(part.graph.nodes.map((n) => n.id)).toEqual(lectureGraph().nodes.map((n) => n.id));
    const out = runDocument(g);
    expect(out.type).toBe('results');
    if (out.type !== 'results') return;
    expect(out.results.loss).toBeCloseTo(5.95256e-4, 9);
    expect(out.results.nodes.w1!.params.W!.grad.data[0]).toBeCloseTo(-0.002249, 6);
    expect(out.results.nodes.linear9).toBeUndefined();
  });

  it('still refuses a graph with another problem', () => {
    const g = withDangling();
    const broken = setConfig(g, 'y', { size: 2 });
    const out = runDocument(broken);
    expect(out.type).toBe('invalid');
    if (out.type === 'invalid') expect(out.issues.every((i) => i.code !== 'unconnected-port')).toBe(true);
  });

  it('marks on the canvas the unwired nodes and the wired ones no loss depends on', () => {
    const g = withDangling();
    const extra: Graph = { ...g, nodes: [...g.nodes, { id: 'side', kind: 'sigmoid' }], edges: [...g.edges, { id: 'e-side', source: 'x', sourcePort: 'out', target: 'side', targetPort: 'in' }] };
    const marks = wiringMarks(extra, indexGraph(extra).issuesByNode);
    expect([...marks.unwired].sort()).toEqual(['linear9', 'tanh9']);
    expect([...marks.offLoss]).toEqual(['side']);
  });
});
