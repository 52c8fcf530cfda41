// Chains, disconnected components, graphs without a loss, and batches larger than one.
import { describe, expect, it } from 'vitest';
import { compileGraph, type Graph } from '../../../engine/index.ts';
import { expectClose } from '../support/close.ts';
import { chainGraph, disconnectedGraph } from '../support/sample-graphs.ts';

const withoutLoss = (g: Graph): Graph => ({ ...g, nodes: g.nodes.filter((n) => n.kind !== 'mse'), edges: g.edges.filter((e) => e.target !== 'loss') });

/** The same chain restricted to one sample of the batch. */
function sampleOf(g: Graph, s: number): Graph {
  const copy = structuredClone(g);
  for (const n of copy.nodes) {
    if (!n.value) continue;
    const F = n.value.shape[1]!;
    n.value = { shape: [1, F], data: n.value.data.slice(s * F, (s + 1) * F) };
  }
  return copy;
}

describe('graph structure', () => {
  it('a chain runs in document order and its loss is what the mse formula gives for its prediction', () => {
    const p = compileGraph(chainGraph());
    p.run();
    const r = p.results();
    expect(r.order).toEqual(['x', 'l1', 't1', 'l2', 'y', 'loss']);
    const pred = r.nodes.l2!.output.data, y = r.nodes.y!.output.data;
    expect(r.loss).toBeCloseTo(0.5 * Array.from(pred).reduce((s, v, i) => s + (v - y[i]!) ** 2, 0), 14);
  });

  it('a component without a loss gets zero gradients while the other trains', () => {
    const p = compileGraph(disconnectedGraph());
    p.run();
    const r = p.results();
    expect(r.loss).not.toBeNull();
    for (const id of ['x2', 'lonely', 'lt']) expect(r.nodes[id]!.grad.data.every((v) => v === 0), id).toBe(true);
    expect(r.nodes.lonely!.params.W!.grad.data.every((v) => v === 0)).toBe(true);
    expect(r.edges['lonely->lt.in']!.grad.data.every((v) => v === 0)).toBe(true);
    expect(r.nodes.lt!.output.data.some((v) => v !== 0)).toBe(true); // its forward still ran
    expect(r.nodes.l1!.params.W!.grad.data.some((v) => v !== 0)).toBe(true);
  });

  it('a graph without any loss runs forward only: loss null, every gradient zero', () => {
    const p = compileGraph(withoutLoss(chainGraph()));
    expect(p.run()).toBeNull();
    const r = p.results();
    expect(r.loss).toBeNull();
    expect(r.nodes.l2!.output.data.some((v) => v !== 0)).toBe(true);
    for (const n of Object.values(r.nodes)) {
      expect(n.grad.data.every((v) => v === 0)).toBe(true);
      for (const q of Object.values(n.params)) expect(q.grad.data.every((v) => v === 0)).toBe(true);
    }
  });

  it('with batch > 1, param grads are the sums of the per-sample grads', () => {
    const g = chainGraph(4, 31);
    const p = compileGraph(g);
    p.run();
    const batch = p.parameters();
    const perSample = [0, 1, 2, 3].map((s) => { const q = compileGraph(sampleOf(g, s)); q.run(); return q.parameters(); });
    batch.forEach((bp, i) => {
      const summed = Array.from(bp.grad.data, (_, k) => perSample.reduce((acc, ps) => acc + ps[i]!.grad.data[k]!, 0));
      expectClose(bp.grad.data, summed, 1e-13, `${bp.nodeId}.${bp.name}`);
    });
    expect(p.loss).toBeCloseTo(perSample.reduce((acc, _ps, s) => acc + compileGraph(sampleOf(g, s)).forward()!, 0), 13);
  });

  it('mean reduction divides the loss and every gradient by B', () => {
    const sum = compileGraph(chainGraph(4, 31));
    const meanGraph = chainGraph(4, 31);
    meanGraph.nodes.find((n) => n.id === 'loss')!.config = { reduction: 'mean' };
    const mean = compileGraph(meanGraph);
    sum.run();
    mean.run();
    expect(mean.loss).toBeCloseTo(sum.loss! / 4, 14);
    mean.parameters().forEach((mp, i) => expectClose(mp.grad.data, Array.from(sum.parameters()[i]!.grad.data, (v) => v / 4), 1e-14, mp.name));
  });

  it('several losses add up to the total loss, each seeded with dL/dL = 1', () => {
    const g = chainGraph();
    g.nodes.push({ id: 'loss2', kind: 'mse' });
    g.edges.push({ id: 'e1', source: 'l2', sourcePort: 'out', target: 'loss2', targetPort: 'pred' }, { id: 'e2', source: 'y', sourcePort: 'out', target: 'loss2', targetPort: 'target' });
    // a second copy of the same loss: the total doubles and so does every parameter gradient
    const p = compileGraph(g), q = compileGraph(chainGraph());
    p.run(); q.run();
    expect(p.loss).toBeCloseTo(2 * q.loss!, 15);
    expect(p.results().nodes.loss2!.grad.data[0]).toBe(1);
    expectClose(p.param('l1', 'W').grad.data, Array.from(q.param('l1', 'W').grad.data, (v) => 2 * v), 1e-15, 'dW');
  });
});
