// "Try with new numbers" (issue 11.3): the same graph with its inputs and weights drawn again from a
// seed, so a student can practise the same chain rule with other numbers. Pure; the app commits the
// result as one undoable `new numbers` change. Numbers are one-decimal values in ±[0.2, 2] (what a
// hand calculation copes with); targets keep the author's values; dataset-bound inputs are left alone.
import { createRng, hashSeed, type Graph, type GraphNode, type RunResults } from '../../engine/index.ts';
import { exerciseSettings } from './exercise.ts';

/** One decimal, at least 0.2 away from 0, at most 2. */
function nice(rng: () => number): number {
  for (;;) {
    const v = Math.round((rng() * 4 - 2) * 10) / 10;
    if (Math.abs(v) >= 0.2) return v;
  }
}

const draw = (rng: () => number, n: number): number[] => Array.from({ length: n }, () => nice(rng));

/**
 * The graph with new input values and parameters from `seed` (recorded as `exercise.seed`). Parameter
 * shapes come from the run's results, so parameters the file did not store are written too.
 */
export function withNewNumbers(graph: Graph, results: RunResults, seed: number): Graph {
  const nodes = graph.nodes.map((node): GraphNode => {
    const rng = createRng(hashSeed(seed, 'exercise', node.id));
    if (node.kind === 'input' && node.value && node.binding === undefined) {
      return { ...node, value: { ...node.value, data: draw(rng, node.value.data.length) } };
    }
    const params = results.nodes[node.id]?.params;
    if (!params || Object.keys(params).length === 0) return node;
    const next: NonNullable<GraphNode['params']> = { ...node.params };
    for (const [name, p] of Object.entries(params)) next[name] = { shape: [...p.value.shape], data: draw(rng, p.value.data.length) };
    return { ...node, params: next };
  });
  return { ...graph, nodes, exercise: { ...exerciseSettings(graph), seed } };
}

/** The seed after the document's last draw. */
export function nextSeed(graph: Graph): number {
  return ((exerciseSettings(graph).seed ?? 0) + 1) >>> 0;
}
