// Benchmark workloads as engine graphs: an MLP of linear layers with sigmoid between them and an
// `mse` (mean) loss, plus seeded random batches. Shared with tests so they build the same networks.
import { createRng, type Graph, type GraphEdge, type GraphNode } from '../engine/index.ts';

export interface MlpSpec {
  /** Layer widths from input to output, e.g. [2, 16, 16, 1]. */
  readonly sizes: readonly number[];
  readonly batch: number;
  /** Seeds both the parameter initialisation and the random batch. */
  readonly seed: number;
}

export interface Workload extends MlpSpec {
  readonly name: string;
}

export const workloads: readonly Workload[] = [
  { name: 'toy', sizes: [2, 16, 16, 1], batch: 64, seed: 1 },
  { name: 'mid', sizes: [784, 256, 128, 10], batch: 128, seed: 2 },
];

export function workload(name: string): Workload {
  const w = workloads.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload "${name}" (known: ${workloads.map((x) => x.name).join(', ')})`);
  return w;
}

/** Seeded uniform numbers in [lo, hi). */
export function randomData(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng();
  return out;
}

/** The input batch x [batch, sizes[0]] and target y [batch, sizes.at(-1)] of a spec. */
export function mlpBatch(spec: MlpSpec): { x: Float64Array; y: Float64Array } {
  const inF = spec.sizes[0]!, outF = spec.sizes[spec.sizes.length - 1]!;
  return {
    x: randomData(spec.batch * inF, spec.seed * 7919 + 1),
    y: randomData(spec.batch * outF, spec.seed * 7919 + 2, 0, 1),
  };
}

/**
 * Nodes: x (input) → l1 → s1 → l2 → s2 … → lN, then loss = mse(lN, y) with reduction mean.
 * Sigmoids sit between linear layers only (the last layer is linear), like the tfjs peers.
 */
export function mlpGraph(spec: MlpSpec): Graph {
  const { sizes, batch } = spec;
  if (sizes.length < 2) throw new Error('an MLP needs at least an input and an output size');
  const { x, y } = mlpBatch(spec);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const link = (source: string, target: string, targetPort: string): void => {
    edges.push({ id: `e-${source}-${target}`, source, sourcePort: 'out', target, targetPort });
  };
  nodes.push({ id: 'x', kind: 'input', config: { size: sizes[0] }, value: { shape: [batch, sizes[0]!], data: Array.from(x) } });
  let prev = 'x';
  for (let l = 1; l < sizes.length; l++) {
    const id = `l${l}`;
    nodes.push({ id, kind: 'linear', config: { in: sizes[l - 1], out: sizes[l], bias: true, init: 'xavier' } });
    link(prev, id, 'in');
    prev = id;
    if (l < sizes.length - 1) {
      const s = `s${l}`;
      nodes.push({ id: s, kind: 'sigmoid' });
      link(prev, s, 'in');
      prev = s;
    }
  }
  const outF = sizes[sizes.length - 1]!;
  nodes.push({ id: 'y', kind: 'target', config: { size: outF }, value: { shape: [batch, outF], data: Array.from(y) } });
  nodes.push({ id: 'loss', kind: 'mse', config: { reduction: 'mean' } });
  link(prev, 'loss', 'pred');
  link('y', 'loss', 'target');
  return { name: `MLP ${sizes.join('-')} batch ${batch}`, seed: spec.seed, nodes, edges };
}
