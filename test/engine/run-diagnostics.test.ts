// What a run says beyond its numbers (issue 8.13, 8.14): bce fed values outside [0, 1] is a typed error
// naming node, port and cause (in the run results and in a training failure); bce where its clamp holds
// is a typed warning; bce_logits, exact everywhere, says nothing. Predictions of bce_logits read as logits.
import { describe, expect, it } from 'vitest';
import { compileGraph, createTrainer, diagnoseRun, type Graph } from '../../engine/index.ts';
import { countCorrect, decisionThreshold } from '../../engine/train/metrics.ts';
import { bound, edge as trainEdge } from '../train/support.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';

/** x = 1 → fc (z = W) → sigmoid → bce(target 1). */
const sigmoidBce = (z: number): Graph => graph([
  dataNode('x', 'input', 1, 1, [1]), linearNode('fc', 1, 1, [z], [0]), opNode('p', 'sigmoid'), dataNode('y', 'target', 1, 1, [1]), opNode('loss', 'bce'),
], [edge('x', 'fc', 'in'), edge('fc', 'p', 'in'), edge('p', 'loss', 'pred'), edge('y', 'loss', 'target')]);

/** A linear layer wired straight into bce. */
const linearBce = (W: number, b: number): Graph => graph([
  dataNode('x', 'input', 3, 1, [1, 0, -1]), linearNode('fc', 1, 1, [W], [b]), dataNode('y', 'target', 3, 1, [1, 0, 1]), opNode('loss', 'bce'),
], [edge('x', 'fc', 'in'), edge('fc', 'loss', 'pred'), edge('y', 'loss', 'target')]);

const diagnostics = (g: Graph) => { const p = compileGraph(g); p.run(); return p.results().diagnostics; };

describe('bce where its clamp holds: a warning on the node', () => {
  it.each([28, -28, 30, -30, 40, -40, 500, -500])('sigmoid(%d) → bce warns, naming node and port', (z) => {
    const [d, ...rest] = diagnostics(sigmoidBce(z));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'bce-clamped', severity: 'warning', nodeId: 'loss', kind: 'bce', port: 'pred' });
    expect(d!.message).toMatch(/^node "loss" \(bce\), port "pred": .* \(sample 0, feature 0\) is within 1e-12 of 0 or 1, where BCE is clamped/);
    expect(d!.message).toMatch(/gradient there is smaller than the derivative of the loss; .*bce_logits/);
  });

  it.each([0, 10, -20, 27, -27])('sigmoid(%d) → bce, inside the clamps, says nothing', (z) => {
    expect(diagnostics(sigmoidBce(z))).toEqual([]);
  });

  it('bce_logits at logit ±500 says nothing', () => {
    const g = graph([dataNode('x', 'input', 2, 1, [1, -1]), linearNode('fc', 1, 1, [500], [0]), dataNode('y', 'target', 2, 1, [1, 0]), opNode('loss', 'bce_logits')],
      [edge('x', 'fc', 'in'), edge('fc', 'loss', 'logits'), edge('y', 'loss', 'target')]);
    expect(diagnostics(g)).toEqual([]);
  });
});

describe('bce fed values outside [0, 1]: an error naming node, port and cause', () => {
  it('a linear layer straight into bce', () => {
    const program = compileGraph(linearBce(1, 0.7)); // outputs 1.7, 0.7, −0.3
    expect(Number.isNaN(program.run())).toBe(true);
    const [d, ...rest] = program.results().diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'outside-domain', severity: 'error', nodeId: 'loss', kind: 'bce', port: 'pred' });
    expect(d!.message).toBe('node "loss" (bce), port "pred": 1.7 (sample 0, feature 0) and 1 more value are outside [0, 1], where bce is not defined (its output is NaN); bce takes probabilities: put a sigmoid before it, or wire the raw scores into bce_logits');
  });

  it('values inside [0, 1] from the same wiring are fine', () => {
    expect(diagnostics(linearBce(0.25, 0.5))).toEqual([]); // 0.75, 0.5, 0.25
    const program = compileGraph(linearBce(1, 0.7));
    program.forward();
    expect(diagnoseRun(program.nodes).map((d) => d.code)).toEqual(['outside-domain']); // what the CLI and the trainer call
  });

  it('training names the cause instead of advising a smaller learning rate', () => {
    const g: Graph = {
      name: 'wired wrong', seed: 3,
      datasets: { d: { source: 'generated', generator: 'xor', seed: 1, size: 8, noise: 0.1, testFraction: 0, labels: 'binary' } },
      nodes: [bound('x', 'input', 2), { id: 'fc', kind: 'linear', config: { in: 2, out: 1 }, params: { W: { shape: [1, 2], data: [3, 3] }, b: { shape: [1], data: [0] } } }, bound('y', 'target', 1), { id: 'loss', kind: 'bce' }],
      edges: [trainEdge('x', 'fc', 'in'), trainEdge('fc', 'loss', 'pred'), trainEdge('y', 'loss', 'target')],
      training: { optimizer: 'sgd', learningRate: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, epochs: 1, batchSize: 8, seed: 1 },
    };
    const trainer = createTrainer(g);
    trainer.runFor(1000);
    const failure = trainer.progress().failure!;
    expect(failure).toMatchObject({ phase: 'forward', nodeId: 'loss', kind: 'bce', cause: { code: 'outside-domain', port: 'pred' } });
    expect(failure.message).toMatch(/^node "loss" \(bce\), port "pred": .* outside \[0, 1\].*bce_logits \(in epoch 1, step 1; training stopped with the parameters of the last completed step\)$/);
    expect(failure.message).not.toMatch(/learning rate/);
  });
});

describe('predictions of bce_logits are logits', () => {
  it('class 1 above 0, not above 0.5', () => {
    const g = graph([
      dataNode('x', 'input', 3, 1, [1, 1, 1]), linearNode('fc', 1, 1, [0.3], [0]), dataNode('y', 'target', 3, 1, [1, 1, 1]), opNode('loss', 'bce_logits'),
    ], [edge('x', 'fc', 'in'), edge('fc', 'loss', 'logits'), edge('y', 'loss', 'target')]);
    const program = compileGraph(g);
    program.forward();
    expect(decisionThreshold(program, 'fc')).toBe(0);
    expect(countCorrect(program, 'fc', 'y')).toBe(3); // logit 0.3: σ = 0.57, class 1
    expect(decisionThreshold(compileGraph(sigmoidBce(1)), 'p')).toBe(0.5);
  });
});
