// The CLI at the edges of the math (issue 8.13–15): bce fed values outside [0, 1] is bad input (exit 2, one
// line naming node, port and cause), bce's clamp is a warning, and gradcheck shows analytic and numeric
// values side by side, passing a loss of 10⁶ and saying "not differentiable here" at relu(0).
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { serializeGraph, type Graph } from '../../engine/index.ts';
import { dataNode, edge, graph, linearNode, opNode } from '../engine/support/graphs.ts';
import { testRng, uniform } from '../engine/support/random.ts';

async function cli(argv: string[], g: Graph) {
  let stdout = '', stderr = '';
  const code = await main(argv, {
    stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false,
    readFile: () => serializeGraph(g), writeFile: () => undefined,
  });
  return { code, stdout, stderr };
}

/** A linear layer wired straight into bce: its outputs 1.7 and −0.3 are no probabilities. */
const linearIntoBce = () => graph([
  dataNode('x', 'input', 2, 1, [1, -1]), linearNode('fc', 1, 1, [1], [0.7]), dataNode('y', 'target', 2, 1, [1, 0]), opNode('loss', 'bce'),
], [edge('x', 'fc', 'in'), edge('fc', 'loss', 'pred'), edge('y', 'loss', 'target')], {
  training: { optimizer: 'sgd', learningRate: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, epochs: 2, batchSize: 2, seed: 1 },
});

/** sigmoid(40) → bce: the clamp holds. */
const saturated = () => graph([
  dataNode('x', 'input', 1, 1, [1]), linearNode('fc', 1, 1, [40], [0]), opNode('p', 'sigmoid'), dataNode('y', 'target', 1, 1, [1]), opNode('loss', 'bce'),
], [edge('x', 'fc', 'in'), edge('fc', 'p', 'in'), edge('p', 'loss', 'pred'), edge('y', 'loss', 'target')]);

describe('bce fed values outside [0, 1]', () => {
  it.each(['run', 'gradcheck', 'jacobian --node fc', 'hessian --params fc.W'])('%s exits 2 with one line naming the node, the port and the cause', async (command) => {
    const [name, ...flags] = command.split(' ');
    const { code, stdout, stderr } = await cli([name!, 'g.bpgraph', ...flags], linearIntoBce());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('g.bpgraph: node "loss" (bce), port "pred": 1.7 (sample 0, feature 0) and 1 more value are outside [0, 1]');
    expect(stderr).toMatch(/put a sigmoid before it, or wire the raw scores into bce_logits/);
  });

  it('train stops at the first step saying why, not "try a smaller learning rate" (exit 2)', async () => {
    const { code, stderr } = await cli(['train', 'g.bpgraph'], linearIntoBce());
    expect(code).toBe(2);
    expect(stderr).toMatch(/node "loss" \(bce\), port "pred": .* outside \[0, 1\].*in epoch 1, step 1/);
    expect(stderr).not.toMatch(/learning rate/);
  });
});

describe('bce where its clamp holds', () => {
  it('run warns on stderr, naming the node, and still exits 0; --json carries the typed warning', async () => {
    const text = await cli(['run', 'g.bpgraph'], saturated());
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^warning: g\.bpgraph: node "loss" \(bce\), port "pred": 1 \(sample 0, feature 0\) is within 1e-12 of 0 or 1, where BCE is clamped/);
    expect(text.stderr).toMatch(/bce_logits/);
    const json = await cli(['run', 'g.bpgraph', '--json'], saturated());
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ code: 'bce-clamped', severity: 'warning', nodeId: 'loss', kind: 'bce', port: 'pred' })]);
  });

  it('bce_logits on the same logit says nothing', async () => {
    const g = saturated();
    g.nodes = g.nodes.filter((n) => n.id !== 'p').map((n) => (n.id === 'loss' ? opNode('loss', 'bce_logits') : n));
    g.edges = [edge('x', 'fc', 'in'), edge('fc', 'loss', 'logits'), edge('y', 'loss', 'target')];
    const { code, stderr } = await cli(['run', 'g.bpgraph'], g);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('gradcheck output', () => {
  it('passes a regression with a loss of 1.1·10⁶ and prints analytic and numeric side by side', async () => {
    const r = testRng(5);
    const xs = uniform(r, 8, -3, 3);
    const g = graph([
      dataNode('x', 'input', 8, 1, xs), linearNode('l1', 1, 8, uniform(r, 8), uniform(r, 8)), opNode('h', 'tanh'),
      linearNode('l2', 8, 1, uniform(r, 8), uniform(r, 1)), dataNode('y', 'target', 8, 1, xs.map((v) => 700 * Math.sin(v))), opNode('loss', 'mse'),
    ], [edge('x', 'l1', 'in'), edge('l1', 'h', 'in'), edge('h', 'l2', 'in'), edge('l2', 'loss', 'pred'), edge('y', 'loss', 'target')]);
    const { code, stdout } = await cli(['gradcheck', 'g.bpgraph'], g);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^node\s+gradient\s+entry\s+analytic\s+numeric\s+\|a − n\|\s+allowed/);
    // e.g. "l2  W  [0,3]  948.6567213  948.6569325  2.1119e-4  0.950536  ok"
    expect(stdout).toMatch(/\nl2\s+W\s+\[0,\d\]\s+-?\d+\.\d{4,}\s+-?\d+\.\d{4,}\s+\S+\s+\S+\s+ok\n/);
    expect(stdout).toMatch(/passed: (\d+) of \1 entries agree \(\|a − n\| ≤ 1e-5 \+ 0\.001·\|n\| \+ rounding of L, h = 1e-6\)\n$/);
  });

  it('says "not differentiable here" at relu(0) and exits 0', async () => {
    const g = graph([
      dataNode('x', 'input', 1, 1, [1]), linearNode('l', 1, 2, [0, 1], [0, 0]), opNode('r', 'relu'),
      dataNode('y', 'target', 1, 2, [0.5, 0.5]), opNode('loss', 'mse'),
    ], [edge('x', 'l', 'in'), edge('l', 'r', 'in'), edge('r', 'loss', 'pred'), edge('y', 'loss', 'target')]);
    const { code, stdout } = await cli(['gradcheck', 'g.bpgraph'], g);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nl\s+W\s+\[0,0\]\s+0\s+\S+\s+\S+\s+\S+\s+not differentiable here \(kink of "r"\)\n/);
    expect(stdout).not.toMatch(/FAILED/);
    expect(stdout).toMatch(/passed: 14 of 18 entries agree .*; the other 4 sit at a kink, not differentiable there/);
  });

  it('FAILED names the gradients that disagree and exits 1', async () => {
    const g = saturated(); // bce's clamp: dL/dp = 0 where the loss's slope is −1
    const { code, stdout, stderr } = await cli(['gradcheck', 'g.bpgraph'], g);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^warning: .*clamped/);
    expect(stdout).toMatch(/FAILED: .*p\.output.*disagree/);
  });
});
