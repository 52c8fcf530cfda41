// The engine must agree with the independent scalar oracle on every value and every gradient:
// node outputs, dL/d(output), parameter gradients and each edge's share.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, type Graph } from '../../engine/index.ts';
import { expectClose } from '../engine/support/close.ts';
import { chainGraph, sampleGraphs } from '../engine/support/sample-graphs.ts';
import { evaluateWithOracle } from './evaluate.ts';

const TOL = 1e-11;

function compareWithOracle(g: Graph): void {
  const program = compileGraph(g);
  program.run();
  const engine = program.results();
  const oracle = evaluateWithOracle(g);

  if (oracle.loss === null) expect(engine.loss).toBeNull();
  else expectClose([engine.loss!], [oracle.loss], TOL, 'loss');
  expect(Object.keys(engine.nodes).sort()).toEqual(Object.keys(oracle.nodes).sort());
  for (const [id, o] of Object.entries(oracle.nodes)) {
    const e = engine.nodes[id]!;
    expectClose(e.output.data, o.output, TOL, `${id}.output`);
    expectClose(e.grad.data, o.grad, TOL, `${id}.grad`);
    expect(Object.keys(e.params).sort()).toEqual(Object.keys(o.params).sort());
    for (const [name, p] of Object.entries(o.params)) expectClose(e.params[name]!.grad.data, p.grad, TOL, `${id}.${name}.grad`);
  }
  expect(Object.keys(engine.edges).sort()).toEqual(Object.keys(oracle.edges).sort());
  for (const [id, o] of Object.entries(oracle.edges)) {
    expectClose(engine.edges[id]!.value.data, o.value, TOL, `edge ${id}.value`);
    expectClose(engine.edges[id]!.grad.data, o.grad, TOL, `edge ${id}.grad`);
  }
}

describe('engine against the scalar oracle', () => {
  for (const [name, make] of Object.entries(sampleGraphs)) {
    it(`agrees on the ${name} graph`, () => compareWithOracle(make()));
  }

  it('agrees on the lecture example file', () => {
    compareWithOracle(parseGraphFile(readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8')));
  });

  it('agrees with mean reduction and batch 5 on every loss kind', () => {
    for (const kind of ['mse', 'bce', 'softmax_ce']) {
      const g = chainGraph(5, 21);
      // squash the prediction into (0, 1) so bce is defined; harmless for the others
      g.nodes.push({ id: 'sq', kind: 'sigmoid' });
      g.edges = g.edges.map((e) => (e.target === 'loss' && e.targetPort === 'pred' ? { ...e, target: 'sq', targetPort: 'in' } : e));
      g.edges.push({ id: 'sq->loss', source: 'sq', sourcePort: 'out', target: 'loss', targetPort: kind === 'softmax_ce' ? 'logits' : 'pred' });
      const y = g.nodes.find((n) => n.id === 'y')!;
      y.value!.data = y.value!.data.map((v) => Math.abs(v));
      const loss = g.nodes.find((n) => n.id === 'loss')!;
      loss.kind = kind;
      loss.config = { reduction: 'mean' };
      compareWithOracle(g);
    }
  });

  it('agrees on a graph with no loss (forward only)', () => {
    const g = chainGraph();
    g.nodes = g.nodes.filter((n) => n.id !== 'loss');
    g.edges = g.edges.filter((e) => e.target !== 'loss');
    compareWithOracle(g);
  });
});
