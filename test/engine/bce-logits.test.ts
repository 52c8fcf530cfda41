// bce_logits (sigmoid and BCE fused) against PyTorch's BCEWithLogitsLoss in float64, at logits where
// sigmoid → bce saturates, and the warning bce gives where its clamp bends the gradient (issue 8.13).
import { describe, expect, it } from 'vitest';
import { compileGraph, hessian, type Graph, type ParamRef } from '../../engine/index.ts';
import { sharedTorchGraphs } from '../support/torch-graph.ts';
import { checkAllDerivatives, t2 } from './support/frames.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';
import { testRng, uniform } from './support/random.ts';

/** x = 1 → l (logits z = W + b, b = 0) → [sigmoid →] loss(target). */
function logitGraph(z: number[], t: number[], loss: 'bce' | 'bce_logits', reduction = 'sum'): Graph {
  const F = z.length;
  const nodes = [
    dataNode('x', 'input', 1, 1, [1]), linearNode('l', 1, F, z, new Array<number>(F).fill(0)),
    dataNode('y', 'target', 1, F, t), opNode('loss', loss, { reduction }),
  ];
  const edges = [edge('x', 'l', 'in'), edge('y', 'loss', 'target')];
  if (loss === 'bce') { nodes.push(opNode('p', 'sigmoid')); edges.push(edge('l', 'p', 'in'), edge('p', 'loss', 'pred')); }
  else edges.push(edge('l', 'loss', 'logits'));
  return graph(nodes, edges);
}

const refs: ParamRef[] = [{ nodeId: 'l', name: 'W' }];
const logits = [30, -30, 40, -40, 500, -500, 3, -0.5];
const cases = [0, 1, 0.3].map((t) => ({ name: `target ${t}`, graph: logitGraph(logits, logits.map(() => t), 'bce_logits') }));
cases.push({ name: 'mixed targets, mean', graph: logitGraph([2, -7, 35], [1, 0, 0.5], 'bce_logits', 'mean') });
const oracle = sharedTorchGraphs(() => cases.map((c) => ({ graph: c.graph, hessianOf: refs })));

function expectNear(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}]: engine ${a}, torch ${e}`);
  }
}

// torch rounds log(1 + e^−|z|) and 1 − σ(z) where we use log1p and σ(−z): at z = 40 it says 0 for
// quantities of 4e-18. 8ε per unit of |z| covers that; everything else must agree to 1e-12.
const EPS8 = 8 * Number.EPSILON;

describe('bce_logits against torch.nn.BCEWithLogitsLoss (float64)', () => {
  it.for(cases.map((c, i) => [c.name, i] as const))('logits ±30, ±40, ±500, %s: loss, both gradients, Hessian', ([, i], ctx) => {
    const torch = oracle(ctx)[i]!;
    const program = compileGraph(cases[i]!.graph);
    program.run();
    const zs = program.node('l').frame.out.data;
    const scale = zs.reduce((s, v) => s + Math.abs(v), 0);
    expect(program.loss).toBeDefined();
    expectNear([program.loss!], [torch.loss], 1e-12, EPS8 * scale, 'loss');
    expectNear(program.param('l', 'W').grad.data, torch.grads['l.W']!, 1e-12, EPS8, 'dL/dz');
    expectNear(program.node('y').frame.gradOut.data, torch.valueGrads.y!, 1e-12, 0, 'dL/dt');
    const H = hessian(program, refs).matrix.data;
    expect(Array.from(H).every(Number.isFinite)).toBe(true);
    expectNear(H, torch.hessian!, 1e-9, EPS8, 'Hessian');
  });

  it('is exact where torch rounds: z = 40, t = 1 gives L = e^−40, dL/dz = −e^−40, d²L/dz² = e^−40 (to 1e-15)', () => {
    const program = compileGraph(logitGraph([40], [1], 'bce_logits'));
    program.run();
    const e = Math.exp(-40);
    expect(program.loss! / e).toBeCloseTo(1, 15);
    expect(program.param('l', 'W').grad.data[0]! / -e).toBeCloseTo(1, 15);
    expect(hessian(program, refs).matrix.data[0]! / e).toBeCloseTo(1, 15);
  });

  it('gives the exact gradient where sigmoid → bce is clamped (10× too small at −30, 2.4·10⁵× at −40)', (ctx) => {
    const torch = oracle(ctx)[0]!; // target 0: dL/dz = σ(z)
    for (const [k, z] of logits.entries()) {
      if (z !== -30 && z !== -40) continue;
      const fused = compileGraph(logitGraph([z], [0], 'bce_logits')), clamped = compileGraph(logitGraph([z], [0], 'bce'));
      fused.run(); clamped.run();
      const exact = torch.grads['l.W']![k]!;
      expect(fused.param('l', 'W').grad.data[0]! / exact).toBeCloseTo(1, 12);
      expect(exact / clamped.param('l', 'W').grad.data[0]!).toBeGreaterThan(z === -30 ? 9 : 2e5);
    }
  });
});

describe('bce_logits module', () => {
  it.each(['sum', 'mean'])('agrees with finite differences in every derivative (%s)', (reduction) => {
    const r = testRng(17);
    checkAllDerivatives({ kind: 'bce_logits', config: { reduction }, inputs: [t2(3, 2, uniform(r, 6, -4, 4)), t2(3, 2, uniform(r, 6, 0, 1))] });
  });

  it('is a loss with ports logits and target that reads its prediction as a logit', async () => {
    const { modules } = await import('../../engine/index.ts');
    expect(modules.bce_logits.inputs).toEqual(['logits', 'target']);
    expect(modules.bce_logits.isLoss).toBe(true);
    expect(modules.bce_logits.prediction).toBe('logit');
  });
});
