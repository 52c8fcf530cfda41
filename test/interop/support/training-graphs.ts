// Graphs whose training has every awkward case for a split of each batch across processes.
import type { Graph, GraphEdge } from '../../../engine/index.ts';
import { awayFromZero, oneHot, testRng, uniform } from '../../engine/support/random.ts';

const edge = (source: string, target: string, port: string): GraphEdge => ({ id: `${source}->${target}.${port}`, source, sourcePort: 'out', target, targetPort: port });

/**
 * 21 stored samples in batches of 5: the last batch holds 1 sample, so of 2 processes one gets none.
 * A summed and a mean loss, a layer drawn at initialisation (He), a layer that reaches no loss, SGD with momentum.
 */
export function unevenGraph(): Graph {
  const rng = testRng(21), n = 21;
  return {
    name: 'uneven batches', seed: 5,
    training: { optimizer: 'sgd', learningRate: 0.05, momentum: 0.9, epochs: 8, batchSize: 5, seed: 3 },
    nodes: [
      { id: 'x', kind: 'input', config: { size: 3 }, value: { shape: [n, 3], data: awayFromZero(rng, 3 * n) } },
      { id: 'fc1', kind: 'linear', name: 'hidden', config: { in: 3, out: 4, init: 'he' } },
      { id: 'h', kind: 'tanh' },
      { id: 'fc2', kind: 'linear', config: { in: 4, out: 2 }, params: { W: { shape: [2, 4], data: uniform(rng, 8) }, b: { shape: [2], data: uniform(rng, 2) } } },
      { id: 'y', kind: 'target', config: { size: 2 }, value: { shape: [n, 2], data: uniform(rng, 2 * n) } },
      { id: 'c', kind: 'target', config: { size: 2 }, value: { shape: [n, 2], data: oneHot(rng, n, 2) } },
      { id: 'l2', kind: 'mse', config: { reduction: 'sum' } },
      { id: 'ce', kind: 'softmax_ce', config: { reduction: 'mean' } },
      { id: 'dead', kind: 'linear', config: { in: 3, out: 2 } },
    ],
    edges: [
      edge('x', 'fc1', 'in'), edge('fc1', 'h', 'in'), edge('h', 'fc2', 'in'), edge('fc2', 'l2', 'pred'), edge('y', 'l2', 'target'),
      edge('fc2', 'ce', 'logits'), edge('c', 'ce', 'target'), edge('x', 'dead', 'in'),
    ],
  };
}

/** Bound to a generated dataset (blobs, 40 training samples in batches of 7, the last of 5), Adam, a mean and a summed loss. */
export function boundGraph(): Graph {
  const bound = (id: string, kind: 'input' | 'target', size: number) => ({ id, kind, config: { size }, binding: { dataset: 'blobs', field: kind === 'input' ? 'features' : 'labels' } });
  return {
    name: 'bound blobs', seed: 8,
    datasets: { blobs: { source: 'generated', generator: 'blobs', classes: 3, seed: 4, size: 50, testFraction: 0.2, labels: 'onehot' } },
    training: { optimizer: 'adam', learningRate: 0.02, epochs: 6, batchSize: 7, seed: 9 },
    nodes: [
      bound('x', 'input', 2),
      { id: 'fc1', kind: 'linear', config: { in: 2, out: 8 } },
      { id: 'h', kind: 'relu' },
      { id: 'fc2', kind: 'linear', config: { in: 8, out: 3, init: 'normal' } },
      bound('y', 'target', 3),
      { id: 'ce', kind: 'softmax_ce', config: { reduction: 'mean' } },
      { id: 'p', kind: 'softmax' },
      { id: 'sq', kind: 'mse', config: { reduction: 'sum' } },
    ],
    edges: [
      edge('x', 'fc1', 'in'), edge('fc1', 'h', 'in'), edge('h', 'fc2', 'in'), edge('fc2', 'ce', 'logits'), edge('y', 'ce', 'target'),
      edge('fc2', 'p', 'in'), edge('p', 'sq', 'pred'), edge('y', 'sq', 'target'),
    ],
  };
}
