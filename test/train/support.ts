// Shared fixtures for the training tests: example files and tiny graph builders.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile, type Graph, type GraphEdge, type GraphNode } from '../../engine/index.ts';

export function exampleText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)), 'utf8');
}

export function loadExample(name: string): Graph {
  return parseGraphFile(exampleText(name));
}

export function edge(source: string, target: string, port: string): GraphEdge {
  return { id: `${source}->${target}.${port}`, source, sourcePort: 'out', target, targetPort: port };
}

export function bound(id: string, kind: 'input' | 'target', size: number, dataset = 'd'): GraphNode {
  return { id, kind, config: { size }, binding: { dataset, field: kind === 'input' ? 'features' : 'labels' } };
}

/** x(2) → fc(2→1) → sigmoid → mse(mean) ← y(1), on the binary XOR dataset. */
export function tinyXor(extra: Partial<Graph> = {}): Graph {
  return {
    name: 'tiny', seed: 3,
    datasets: { d: { source: 'generated', generator: 'xor', seed: 1, size: 8, noise: 0.1, testFraction: 0.25, labels: 'binary' } },
    nodes: [
      bound('x', 'input', 2),
      { id: 'fc', kind: 'linear', config: { in: 2, out: 1 } },
      { id: 'p', kind: 'sigmoid' },
      bound('y', 'target', 1),
      { id: 'loss', kind: 'mse', config: { reduction: 'mean' } },
    ],
    edges: [edge('x', 'fc', 'in'), edge('fc', 'p', 'in'), edge('p', 'loss', 'pred'), edge('y', 'loss', 'target')],
    ...extra,
  };
}
