// Named graphs shared by the oracle, graph, gradient-check and Hessian tests. Every parameter is
// stored explicitly (seeded by the test RNG) so the oracle can evaluate them without the engine.
import type { Graph } from '../../../engine/index.ts';
import { dataNode, edge, graph, linearNode, opNode } from './graphs.ts';
import { awayFromZero, oneHot, testRng, uniform } from './random.ts';

/** x → linear → tanh → linear → mse(y). */
export function chainGraph(batch = 2, seed = 1): Graph {
  const r = testRng(seed);
  return graph([
    dataNode('x', 'input', batch, 3, uniform(r, batch * 3)),
    linearNode('l1', 3, 4, uniform(r, 12), uniform(r, 4)),
    opNode('t1', 'tanh'),
    linearNode('l2', 4, 2, uniform(r, 8), uniform(r, 2)),
    dataNode('y', 'target', batch, 2, uniform(r, batch * 2)),
    opNode('loss', 'mse'),
  ], [edge('x', 'l1', 'in'), edge('l1', 't1', 'in'), edge('t1', 'l2', 'in'), edge('l2', 'loss', 'pred'), edge('y', 'loss', 'target')]);
}

/** l1 feeds three consumers (sigmoid, tanh, a second mse), so its gradient is a sum of three shares. */
export function fanOutGraph(seed = 2): Graph {
  const r = testRng(seed);
  return graph([
    dataNode('x', 'input', 2, 2, uniform(r, 4)),
    linearNode('l1', 2, 3, uniform(r, 6), uniform(r, 3)),
    opNode('s', 'sigmoid'),
    opNode('t', 'tanh'),
    opNode('sum', 'add'),
    dataNode('y', 'target', 2, 3, uniform(r, 6)),
    opNode('loss', 'mse'),
    opNode('loss2', 'mse'),
  ], [
    edge('x', 'l1', 'in'), edge('l1', 's', 'in'), edge('l1', 't', 'in'), edge('s', 'sum', 'a'), edge('t', 'sum', 'b'),
    edge('sum', 'loss', 'pred'), edge('y', 'loss', 'target'), edge('l1', 'loss2', 'pred'), edge('y', 'loss2', 'target'),
  ]);
}

/** x → {sigmoid, tanh} → multiply → softmax_ce: two paths that meet again. */
export function diamondGraph(seed = 3): Graph {
  const r = testRng(seed);
  return graph([
    dataNode('x', 'input', 3, 3, uniform(r, 9)),
    linearNode('l', 3, 3, uniform(r, 9), uniform(r, 3)),
    opNode('s', 'sigmoid'),
    opNode('t', 'tanh'),
    opNode('m', 'multiply'),
    dataNode('c', 'target', 3, 3, oneHot(r, 3, 3)),
    opNode('loss', 'softmax_ce'),
  ], [
    edge('x', 'l', 'in'), edge('l', 's', 'in'), edge('l', 't', 'in'), edge('s', 'm', 'a'), edge('t', 'm', 'b'),
    edge('m', 'loss', 'logits'), edge('c', 'loss', 'target'),
  ]);
}

/** multiply(a = x, b = x): one node feeding both ports of another. */
export function usedTwiceGraph(xs: number[] = [0.7, -1.3, 2.1]): Graph {
  return graph([
    dataNode('x', 'input', 1, xs.length, xs),
    opNode('sq', 'multiply'),
    dataNode('y', 'target', 1, xs.length, xs.map(() => 0)),
    opNode('loss', 'mse'),
  ], [edge('x', 'sq', 'a'), edge('x', 'sq', 'b'), edge('sq', 'loss', 'pred'), edge('y', 'loss', 'target')]);
}

/**
 * Every module kind at once, with fan-out (l1, r1), a diamond (l1 → t1/s1 → m1), a node used twice
 * (add(m1, m1)), every kind of loss plus a mean-reduced one, sum and mean over features, a formula using every function, and batch 3.
 */
export function messyGraph(seed = 4): Graph {
  const r = testRng(seed);
  const B = 3;
  return graph([
    dataNode('x', 'input', B, 3, awayFromZero(r, B * 3)),
    linearNode('l1', 3, 4, awayFromZero(r, 12), uniform(r, 4)),
    opNode('t1', 'tanh'),
    opNode('s1', 'sigmoid'),
    opNode('m1', 'multiply'),
    opNode('a1', 'add'),
    opNode('r1', 'relu'),
    opNode('cat', 'concat'),
    linearNode('l2', 7, 2, uniform(r, 14), uniform(r, 2)),
    linearNode('l3', 7, 4, uniform(r, 28)),
    opNode('sg', 'sigmoid'),
    opNode('sm', 'softmax'),
    dataNode('y', 'target', B, 2, uniform(r, B * 2)),
    dataNode('yb', 'target', B, 2, uniform(r, B * 2, 0, 1)),
    dataNode('c', 'target', B, 4, oneHot(r, B, 4)),
    opNode('mse', 'mse'),
    opNode('bce', 'bce', { reduction: 'mean' }),
    opNode('bl', 'bce_logits'),
    opNode('ce', 'softmax_ce'),
    opNode('mse2', 'mse', { reduction: 'mean' }),
    opNode('su', 'sum'), opNode('me', 'mean'),
    dataNode('ys', 'target', B, 1, uniform(r, B * 1, -3, 3)),
    opNode('abs', 'l1', { reduction: 'mean' }),
    opNode('hub', 'huber', { delta: 0.5 }),
    opNode('fm', 'formula', { expression: 'u * sigmoid(v) + 0.5 * u^2 - log(1 + v^2) + max(u, v) * sin(u) / (2 + cos(v)) + sqrt(softplus(u)) + pow(abs(v) + 1, u) + min(u, tanh(v)) + relu(u - v) + exp(-v^2)', inputs: ['u', 'v'] }),
    opNode('fml', 'mse'),
  ], [
    edge('x', 'l1', 'in'),
    edge('l1', 't1', 'in'), edge('l1', 's1', 'in'),
    edge('t1', 'm1', 'a'), edge('s1', 'm1', 'b'),
    edge('m1', 'a1', 'a'), edge('m1', 'a1', 'b'),
    edge('a1', 'r1', 'in'),
    edge('r1', 'cat', 'a'), edge('x', 'cat', 'b'),
    edge('cat', 'l2', 'in'), edge('cat', 'l3', 'in'),
    edge('l2', 'mse', 'pred'), edge('y', 'mse', 'target'),
    edge('l2', 'sg', 'in'), edge('sg', 'bce', 'pred'), edge('yb', 'bce', 'target'),
    edge('l2', 'bl', 'logits'), edge('yb', 'bl', 'target'),
    edge('l3', 'ce', 'logits'), edge('c', 'ce', 'target'),
    edge('l3', 'sm', 'in'), edge('sm', 'mse2', 'pred'), edge('c', 'mse2', 'target'),
    edge('r1', 'su', 'in'), edge('su', 'abs', 'pred'), edge('ys', 'abs', 'target'),
    edge('t1', 'me', 'in'), edge('me', 'hub', 'pred'), edge('ys', 'hub', 'target'),
    edge('l2', 'fm', 'u'), edge('y', 'fm', 'v'), edge('fm', 'fml', 'pred'), edge('y', 'fml', 'target'),
  ]);
}

/** A chain with a loss next to a second component (x2 → lonely → tanh) that reaches no loss. */
export function disconnectedGraph(seed = 5): Graph {
  const g = chainGraph(2, seed);
  const r = testRng(seed + 100);
  g.nodes.push(dataNode('x2', 'input', 2, 2, uniform(r, 4)), linearNode('lonely', 2, 2, uniform(r, 4), uniform(r, 2)), opNode('lt', 'tanh'));
  g.edges.push(edge('x2', 'lonely', 'in'), edge('lonely', 'lt', 'in'));
  return g;
}

export const sampleGraphs: Record<string, () => Graph> = {
  chain: () => chainGraph(),
  'chain, batch 4': () => chainGraph(4, 11),
  'fan-out': () => fanOutGraph(),
  diamond: () => diamondGraph(),
  'used twice': () => usedTwiceGraph(),
  messy: () => messyGraph(),
  disconnected: () => disconnectedGraph(),
};
