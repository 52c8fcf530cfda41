// Graphs for the math-layer tests: the lecture example from disk, and one graph using every module kind.
import { readFileSync } from 'node:fs';
import { compileGraph, parseGraphFile, type Graph, type RunResults } from '../../../engine/index.ts';

export function lectureGraph(): Graph {
  return parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
}

export function run(graph: Graph): RunResults {
  const program = compileGraph(graph);
  program.run();
  return program.results();
}

const data = (id: string, kind: 'input' | 'target', rows: number[][]) => ({
  id, kind, config: { size: rows[0]!.length }, value: { shape: [rows.length, rows[0]!.length], data: rows.flat() },
});
const edge = (source: string, target: string, targetPort = 'in') => ({ id: `${source}-${target}-${targetPort}`, source, sourcePort: 'out', target, targetPort });

/**
 * Every kind, four losses, fan-out (x feeds four nodes, th two) and a dead branch (dead: tanh of x,
 * consumed by nothing) that never reaches a loss.
 */
export function everyKindGraph(): Graph {
  return {
    name: 'every kind', seed: 7,
    nodes: [
      data('x', 'input', [[0.5, -1], [1.5, 0.25]]),
      { id: 'l1', kind: 'linear', config: { in: 2, out: 3 } },
      { id: 'r', kind: 'relu' },
      { id: 'l2', kind: 'linear', config: { in: 2, out: 3, bias: false } },
      { id: 'th', kind: 'tanh' },
      { id: 'a', kind: 'add' },
      { id: 'm', kind: 'multiply' },
      { id: 'c', kind: 'concat' },
      { id: 'l3', kind: 'linear', config: { in: 5, out: 3 } },
      data('t3', 'target', [[0, 1, 0], [1, 0, 0]]),
      { id: 'ce', kind: 'softmax_ce', config: { reduction: 'mean' } },
      { id: 's', kind: 'softmax' },
      { id: 'l4', kind: 'linear', config: { in: 3, out: 2 } },
      { id: 'sg', kind: 'sigmoid' },
      data('y', 'target', [[0.2, 0.7], [0.9, 0.1]]),
      { id: 'mse', kind: 'mse', config: { reduction: 'mean' } },
      data('tb', 'target', [[1, 0], [0, 1]]),
      { id: 'bce', kind: 'bce' },
      { id: 'bl', kind: 'bce_logits', config: { reduction: 'mean' } },
      { id: 'dead', kind: 'tanh' },
    ],
    edges: [
      edge('x', 'l1'), edge('l1', 'r'), edge('x', 'l2'), edge('l2', 'th'),
      edge('r', 'a', 'a'), edge('th', 'a', 'b'), edge('a', 'm', 'a'), edge('th', 'm', 'b'),
      edge('m', 'c', 'a'), edge('x', 'c', 'b'), edge('c', 'l3'),
      edge('l3', 'ce', 'logits'), edge('t3', 'ce', 'target'),
      edge('l3', 's'), edge('s', 'l4'), edge('l4', 'sg'),
      edge('sg', 'mse', 'pred'), edge('y', 'mse', 'target'),
      edge('sg', 'bce', 'pred'), edge('tb', 'bce', 'target'),
      edge('l4', 'bl', 'logits'), edge('tb', 'bl', 'target'),
      edge('x', 'dead'),
    ],
  };
}
