// The size of a training step as the panel weighs it for the float32 path (issue 14.2): batch × Σ linear
// in·out × 3, read from the document: the same count as the compiled program's weights.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, FLOAT32_GAIN_MULTIPLY_ADDS, parseGraphFile, stepMultiplyAdds, type Graph } from '../../../engine/index.ts';
import { mlpGraph } from '../../../bench/graphs.ts';

const example = (name: string): Graph => parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));

describe('stepMultiplyAdds', () => {
  it('counts batch × Σ linear in·out, forward and backward (3×)', () => {
    const g = mlpGraph({ sizes: [784, 256, 128, 10], batch: 4, seed: 1 });
    expect(stepMultiplyAdds(g, 128)).toBe(3 * 128 * (784 * 256 + 256 * 128 + 128 * 10));
    expect(stepMultiplyAdds(g, 1)).toBe(3 * (784 * 256 + 256 * 128 + 128 * 10));
  });

  it('equals the count of the compiled program\'s weights on every example, composite uses included', () => {
    const weights = (g: Graph): number => compileGraph(g, { batch: 1 }).nodes
      .filter((n) => n.kind === 'linear').reduce((s, n) => s + n.frame.params[n.paramNames.indexOf('W')]!.data.length, 0);
    const files = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.bpgraph'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const g = example(f.replace('.bpgraph', ''));
      expect(stepMultiplyAdds(g, 1), f).toBe(3 * weights(g));
    }
    // Two uses of one module: each use's layer counts.
    const grouped: Graph = {
      name: 'two uses', nodes: [
        { id: 'x', kind: 'input', config: { size: 3 } },
        { id: 'a', kind: 'module', config: { module: 'layer' } }, { id: 'b', kind: 'module', config: { module: 'layer' } },
        { id: 'y', kind: 'target', config: { size: 3 } }, { id: 'loss', kind: 'mse' },
      ],
      edges: [
        { id: 'e1', source: 'x', sourcePort: 'out', target: 'a', targetPort: 'x' }, { id: 'e2', source: 'a', sourcePort: 'y', target: 'b', targetPort: 'x' },
        { id: 'e3', source: 'b', sourcePort: 'y', target: 'loss', targetPort: 'pred' }, { id: 'e4', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' },
      ],
      modules: { layer: { shared: false, inputs: { x: { node: 'fc', port: 'in' } }, outputs: { y: { node: 'fc', port: 'out' } }, nodes: [{ id: 'fc', kind: 'linear', config: { in: 3, out: 3 } }], edges: [] } },
    };
    expect(stepMultiplyAdds(grouped, 2)).toBe(3 * 2 * weights(grouped));
    expect(weights(grouped)).toBe(18);
  });

  it('puts digits (64-32-10) under the threshold at its batch of 32 and over it at 256; the lecture far under', () => {
    const digits = example('digits-mlp');
    expect(stepMultiplyAdds(digits, 32)).toBe(3 * 32 * (64 * 32 + 32 * 10));
    expect(stepMultiplyAdds(digits, 32)).toBeLessThan(FLOAT32_GAIN_MULTIPLY_ADDS);
    expect(stepMultiplyAdds(digits, 256)).toBeGreaterThanOrEqual(FLOAT32_GAIN_MULTIPLY_ADDS);
    expect(stepMultiplyAdds(example('lecture-two-layer'), 1)).toBeLessThan(100);
  });
});
