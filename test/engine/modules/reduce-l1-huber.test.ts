// Issue 13.7: sum and mean over the features, the l1 and huber losses: closed forms, finite
// differences of all five methods, and whole graphs against PyTorch float64 (loss, gradients of every
// parameter and data value to 1e-12, the Hessian of the first layer's parameters).
import { describe, expect, it } from 'vitest';
import { compileGraph, hessian, type Graph, type ParamRef } from '../../../engine/index.ts';
import { sharedTorchGraphs } from '../../support/torch-graph.ts';
import { expectClose, expectScalarClose } from '../support/close.ts';
import { build, checkAllDerivatives, t2 } from '../support/frames.ts';
import { dataNode, edge, graph, linearNode, opNode } from '../support/graphs.ts';
import { testRng, uniform } from '../support/random.ts';

const run = (kind: 'sum' | 'mean' | 'l1' | 'huber', inputs: ReturnType<typeof t2>[], config: Record<string, unknown> = {}): number[] => {
  const { def, frame } = build({ kind, config, inputs });
  def.forward(frame);
  return Array.from(frame.out.data);
};

describe('closed forms', () => {
  it('sum and mean reduce each sample over its features to [B, 1]', () => {
    expect(run('sum', [t2(2, 3, [1, 2, 3, -1, 0.5, 4])])).toEqual([6, 3.5]);
    expectClose(run('mean', [t2(2, 3, [1, 2, 3, -1, 0.5, 4])]), [2, 3.5 / 3], 1e-15);
    const { def, frame } = build({ kind: 'mean', inputs: [t2(2, 3, [1, 2, 3, 4, 5, 6])] });
    expect(frame.out.shape).toEqual([2, 1]);
    def.forward(frame);
    frame.gradOut.data.set([3, -6]);
    def.vjp(frame);
    expectClose(frame.gradInputs[0]!.data, [1, 1, 1, -2, -2, -2], 1e-15, 'dx');
  });

  it('l1 is Σ |p − t|, over B under mean; its gradient is sign(p − t), 0 where p = t', () => {
    expect(run('l1', [t2(2, 2, [1, 2, 3, 0]), t2(2, 2, [0, 4, 3, 1])], { reduction: 'sum' })).toEqual([4]);
    expect(run('l1', [t2(2, 2, [1, 2, 3, 0]), t2(2, 2, [0, 4, 3, 1])], { reduction: 'mean' })).toEqual([2]);
    const { def, frame } = build({ kind: 'l1', inputs: [t2(1, 3, [1, 2, 3]), t2(1, 3, [0, 2, 5])] });
    def.forward(frame);
    frame.gradOut.data[0] = 1;
    def.vjp(frame);
    expect(Array.from(frame.gradInputs[0]!.data)).toEqual([1, 0, -1]);
  });

  it('huber is ½d² inside δ and δ(|d| − ½δ) outside', () => {
    // d = 0.5 → 0.125; d = −3 with δ = 1 → 2.5; with δ = 2: 2·(3 − 1) = 4
    expectScalarClose(run('huber', [t2(2, 1, [0.5, -3]), t2(2, 1, [0, 0])])[0]!, 2.625, 1e-15);
    expectScalarClose(run('huber', [t2(2, 1, [0.5, -3]), t2(2, 1, [0, 0])], { delta: 2 })[0]!, 4.125, 1e-15);
    expect(() => build({ kind: 'huber', config: { delta: 0 }, inputs: [t2(1, 1, [0]), t2(1, 1, [0])] })).toThrow(/config\.delta/);
  });
});

describe.each(['sum', 'mean'])('finite differences, %s reduction', (reduction) => {
  it.each([[1, 1], [3, 2], [4, 5]])('sum, mean, l1 and huber for [%i, %i]', (B, F) => {
    const r = testRng(B * 7 + F);
    checkAllDerivatives({ kind: 'sum', inputs: [t2(B, F, uniform(r, B * F))] });
    checkAllDerivatives({ kind: 'mean', inputs: [t2(B, F, uniform(r, B * F))] });
    // residuals kept away from 0 (l1's kink) and from ±δ (huber's)
    const p = uniform(r, B * F), off = uniform(r, B * F, 0.1, 0.4).map((v, i) => (i % 2 ? v : v + 1.2) * (i % 3 ? 1 : -1));
    const t = p.map((v, i) => v - off[i]!);
    checkAllDerivatives({ kind: 'l1', config: { reduction }, inputs: [t2(B, F, p), t2(B, F, t)] });
    checkAllDerivatives({ kind: 'huber', config: { reduction, delta: 1 }, inputs: [t2(B, F, p), t2(B, F, t)] });
  });
});

/** x [B, 3] → lin (3→F) → tanh → { sum → huber(y1), mean → l1(y2), → huber(y3) }. */
function robustGraph(seed: number, reduction: 'sum' | 'mean', delta: number): Graph {
  const r = testRng(seed), B = 4, F = 3;
  return graph([
    dataNode('x', 'input', B, 3, uniform(r, B * 3, -2, 2)),
    linearNode('lin', 3, F, uniform(r, 3 * F, -1.5, 1.5), uniform(r, F)),
    opNode('h', 'tanh'),
    opNode('s', 'sum'), opNode('m', 'mean'),
    dataNode('y1', 'target', B, 1, uniform(r, B, -2, 2)),
    dataNode('y2', 'target', B, 1, uniform(r, B)),
    dataNode('y3', 'target', B, F, uniform(r, B * F, -2, 2)),
    opNode('hub', 'huber', { reduction, delta }),
    opNode('abs', 'l1', { reduction }),
    opNode('hub2', 'huber', { reduction, delta: delta * 2 }),
  ], [
    edge('x', 'lin', 'in'), edge('lin', 'h', 'in'), edge('h', 's', 'in'), edge('h', 'm', 'in'),
    edge('s', 'hub', 'pred'), edge('y1', 'hub', 'target'), edge('m', 'abs', 'pred'), edge('y2', 'abs', 'target'),
    edge('h', 'hub2', 'pred'), edge('y3', 'hub2', 'target'),
  ]);
}

const refs: ParamRef[] = [{ nodeId: 'lin', name: 'W' }, { nodeId: 'lin', name: 'b' }];
const cases = [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, graph: robustGraph(seed, seed % 2 ? 'sum' : 'mean', [0.3, 0.7, 1.5][seed % 3]!) }));
const oracle = sharedTorchGraphs(() => cases.map((c) => ({ graph: c.graph, hessianOf: refs })));

describe('against torch float64 (F.huber_loss, F.l1_loss, sum and mean over dim 1)', () => {
  it.for(cases.map((c, i) => [c.seed, i] as const))('graph %i: loss, gradients and Hessian', ([, i], ctx) => {
    const torch = oracle(ctx)[i]!;
    const program = compileGraph(cases[i]!.graph);
    expectClose([program.run()!], [torch.loss], 1e-12, 'loss');
    expectClose(program.param('lin', 'W').grad.data, torch.grads['lin.W']!, 1e-12, 'dL/dW');
    expectClose(program.param('lin', 'b').grad.data, torch.grads['lin.b']!, 1e-12, 'dL/db');
    for (const id of ['x', 'y1', 'y2', 'y3']) expectClose(program.node(id).frame.gradOut.data, torch.valueGrads[id]!, 1e-12, `dL/d${id}`);
    const H = hessian(program, refs).matrix.data;
    expectClose(H, torch.hessian!, 1e-12, 'Hessian');
    expect(H.some((v) => v !== 0)).toBe(true);
  });
});
