// Second order at the edges, against PyTorch float64: saturated sigmoids and softmaxes, huge logits.
// The Hessian must be the derivative of the gradient the engine computes (for bce, torch's clamped
// BCELoss gradient) and never NaN where the gradient is finite.
import { describe, expect, it } from 'vitest';
import { compileGraph, hessian, type Graph, type ParamRef, type Program } from '../../engine/index.ts';
import { sharedTorchGraphs } from '../support/torch-graph.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';

/** x = 1 → l (z = W·x + b) → activation → loss(target): the logit is W + b. */
function logitGraph(logits: number[], act: string | null, loss: string, target: number[]): Graph {
  const F = logits.length;
  const nodes = [
    dataNode('x', 'input', 1, 1, [1]),
    linearNode('l', 1, F, logits, new Array<number>(F).fill(0)),
    dataNode('y', 'target', 1, F, target),
    opNode('loss', loss),
  ];
  const edges = [edge('x', 'l', 'in'), edge('y', 'loss', 'target')];
  const port = loss === 'softmax_ce' || loss === 'bce_logits' ? 'logits' : 'pred';
  if (act) { nodes.push(opNode('a', act)); edges.push(edge('l', 'a', 'in'), edge('a', 'loss', port)); }
  else edges.push(edge('l', 'loss', port));
  return graph(nodes, edges);
}

const refs: ParamRef[] = [{ nodeId: 'l', name: 'W' }, { nodeId: 'l', name: 'b' }];

interface Case { name: string; graph: Graph }
const cases: Case[] = [];
for (const z of [10, 20, 30, 40, 500]) {
  for (const s of [1, -1]) {
    for (const t of [0, 1, 0.3]) cases.push({ name: `sigmoid(${s * z}) → bce, target ${t}`, graph: logitGraph([s * z], 'sigmoid', 'bce', [t]) });
    cases.push({ name: `softmax(${s * z}, ${-s * z}) → bce`, graph: logitGraph([s * z, -s * z], 'softmax', 'bce', [1, 0]) });
    cases.push({ name: `sigmoid(${s * z}) → mse`, graph: logitGraph([s * z], 'sigmoid', 'mse', [0.5]) });
    cases.push({ name: `tanh(${s * z}) → mse`, graph: logitGraph([s * z], 'tanh', 'mse', [0.25]) });
    cases.push({ name: `softmax(${s * z}, ${-s * z}, 0) → mse`, graph: logitGraph([s * z, -s * z, 0], 'softmax', 'mse', [0.2, 0.3, 0.5]) });
    cases.push({ name: `softmax_ce(${s * z}, ${-s * z}, 1)`, graph: logitGraph([s * z, -s * z, 1], null, 'softmax_ce', [0, 1, 0]) });
  }
}
const oracle = sharedTorchGraphs(() => cases.map((c) => ({ graph: c.graph, hessianOf: refs })));

/**
 * |actual − expected| ≤ atol + rtol·|expected|, entry by entry. No float64 computation is more accurate than
 * the rounding of the largest gradient it passes through, so atol is 8ε·max|dL/d(node)| (ε = 2.2e-16): for
 * softmax → bce with a probability within 1e-9 of 1, dL/dp is 1/(1 − p) with 1 − p known to 5e-8 only, and
 * torch's Hessian there is as far off as ours (both fused losses, softmax_ce and bce_logits, are exact).
 * Everywhere else this is below 1e-15, under every difference the bugs made (the smallest: 8.8e-15).
 */
const RTOL = 1e-9;
const roundingOf = (program: Program): number => 8 * Number.EPSILON * Math.max(1, ...program.nodes.map((n) => maxAbs(n.frame.gradOut.data)));
const maxAbs = (d: ArrayLike<number>): number => Array.from(d).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
function expectNear(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}]: engine ${a}, torch ${e}`);
  }
}

describe('Hessian at saturated activations and huge logits, against torch.autograd.functional.hessian', () => {
  it.for(cases.map((c, i) => [c.name, i] as const))('%s', ([, i], ctx) => {
    const torch = oracle(ctx)[i]!;
    const program = compileGraph(cases[i]!.graph);
    const H = hessian(program, refs).matrix.data;
    const grad = [...program.param('l', 'W').grad.data, ...program.param('l', 'b').grad.data];
    const atol = roundingOf(program);
    expect(grad.every(Number.isFinite), 'the gradient is finite').toBe(true);
    expect(Array.from(H).every(Number.isFinite), `no NaN or Infinity in the Hessian: ${Array.from(H)}`).toBe(true);
    expectNear(grad, [...torch.grads['l.W']!, ...torch.grads['l.b']!], 1e-12, 0, 'gradient');
    expectNear(H, torch.hessian!, RTOL, atol, 'Hessian');
  });

  it('the three cases of the report: sigmoid(40) → bce, softmax(±500) → bce, sigmoid(−30) → bce', (ctx) => {
    const at = (name: string) => { const i = cases.findIndex((c) => c.name === name); return { torch: oracle(ctx)[i]!, H: hessian(compileGraph(cases[i]!.graph), refs).matrix.data }; };
    // Before: a NaN row; now every entry is finite and equals torch's derivative of the clamped gradient.
    expect(Array.from(at('sigmoid(40) → bce, target 1').H).every(Number.isFinite)).toBe(true);
    expect(Array.from(at('softmax(500, -500) → bce').H).every(Number.isFinite)).toBe(true);
    // Before: 0.906. The clamped gradient is −1e12 (p − t) p(1 − p); its derivative is ≈ −0.0936.
    const { torch, H } = at('sigmoid(-30) → bce, target 1');
    expect(H[0]).toBeCloseTo(torch.hessian![0]!, 12);
    expect(H[0]).toBeLessThan(0);
  });
});
