// Fan-out, diamonds and a node used twice: a node's gradient is the sum of its outgoing edges' shares.
import { describe, expect, it } from 'vitest';
import { compileGraph, type RunResults } from '../../../engine/index.ts';
import { expectClose } from '../support/close.ts';
import { diamondGraph, fanOutGraph, messyGraph, usedTwiceGraph } from '../support/sample-graphs.ts';
import { mlpGraph } from '../../../bench/graphs.ts';

function run(g: ReturnType<typeof messyGraph>): RunResults {
  const p = compileGraph(g);
  p.run();
  return p.results();
}

/** For every non-loss node: grad = Σ of the grads of its outgoing edges. */
function expectSharesSum(g: ReturnType<typeof messyGraph>, r: RunResults): void {
  for (const n of g.nodes) {
    const out = g.edges.filter((e) => e.source === n.id);
    if (out.length === 0) continue;
    const total = new Array<number>(r.nodes[n.id]!.grad.data.length).fill(0);
    for (const e of out) r.edges[e.id]!.grad.data.forEach((v, k) => { total[k] = total[k]! + v; });
    expectClose(r.nodes[n.id]!.grad.data, total, 1e-14, `${n.id} grad vs Σ shares`);
  }
}

describe('gradient accumulation', () => {
  it('fan-out: l1 feeds three consumers and its grad is the sum of their three shares', () => {
    const g = fanOutGraph();
    const r = run(g);
    const shares = ['l1->s.in', 'l1->t.in', 'l1->loss2.pred'].map((id) => r.edges[id]!.grad.data);
    shares.forEach((s) => expect(s.some((v) => v !== 0)).toBe(true));
    expectSharesSum(g, r);
  });

  it('diamond: the two paths from l meet at multiply and both contribute', () => {
    const g = diamondGraph();
    const r = run(g);
    expect(r.edges['l->s.in']!.grad.data).not.toEqual(r.edges['l->t.in']!.grad.data);
    expectSharesSum(g, r);
  });

  it('a node used twice: multiply(a = x, b = x) gives x a gradient of 2x · upstream', () => {
    const xs = [0.7, -1.3, 2.1];
    const r = run(usedTwiceGraph(xs));
    // L = ½ Σ (x²)², upstream dL/d(x²) = x², so dL/dx = 2x · x² and each edge carries x · x²
    expectClose(r.nodes.sq!.grad.data, xs.map((x) => x * x), 1e-15, 'upstream');
    expectClose(r.edges['x->sq.a']!.grad.data, xs.map((x) => x * x * x), 1e-15, 'share a');
    expectClose(r.edges['x->sq.b']!.grad.data, xs.map((x) => x * x * x), 1e-15, 'share b');
    expectClose(r.nodes.x!.grad.data, xs.map((x) => 2 * x * x * x), 1e-15, 'dL/dx');
  });

  it('the messy graph: every node with consumers sums its shares', () => {
    const g = messyGraph();
    expectSharesSum(g, run(g));
  });

  it('the messy graph uses every module kind', async () => {
    const { moduleKinds } = await import('../../../engine/index.ts');
    expect(new Set(messyGraph().nodes.map((n) => n.kind))).toEqual(new Set(moduleKinds));
  });

  it('running twice gives the same gradients (no accumulation across runs)', () => {
    const p = compileGraph(messyGraph());
    p.run();
    const first = p.results();
    p.run();
    const second = p.results();
    for (const id of Object.keys(first.nodes)) expect(Array.from(second.nodes[id]!.grad.data)).toEqual(Array.from(first.nodes[id]!.grad.data));
  });

  it('a training program (no data gradients) skips the data-only nodes and still gives bit-identical parameter gradients and losses', () => {
    for (const g of [messyGraph(), fanOutGraph(), diamondGraph(), mlpGraph({ sizes: [5, 7, 3], batch: 6, seed: 3 })]) {
      const full = compileGraph(g), train = compileGraph(g, { dataGradients: false, params: full.params });
      const skipped = train.nodes.filter((n) => n.reachesLoss && !n.backwardVisits);
      expect(skipped.map((n) => n.kind), g.name).toContain('input');
      expect(skipped.every((n) => n.paramNames.length === 0 && !n.def.isLoss), g.name).toBe(true);
      for (let round = 0; round < 2; round++) { // twice: nothing carries over between runs
        expect(Object.is(train.run(), full.run()), g.name).toBe(true);
        for (const [i, p] of train.parameters().entries()) {
          const want = full.parameters()[i]!.grad.data;
          p.grad.data.forEach((v, k) => { if (!Object.is(v, want[k])) throw new Error(`${g.name} ${p.nodeId}.${p.name}[${k}]: ${v} vs ${want[k]}`); });
        }
        for (const n of train.nodes) {
          if (n.backwardVisits || !n.reachesLoss) continue;
          expect(n.frame.gradOut.data.every((v) => Object.is(v, 0)), `${g.name} ${n.id} gradOut stays +0`).toBe(true);
        }
      }
    }
  });
});

