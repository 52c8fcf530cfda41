// feedTrainSize answers what buildFeed(graph).trainSize would, and fails where it fails, without
// compiling a fixed feed's program: on every example (bound to a dataset or not), on a graph with an
// unconnected input and on one over the memory budget.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFeed, feedTrainSize, parseGraphFile, type Graph } from '../../../engine/index.ts';
import { mlpGraph } from '../../../bench/graphs.ts';

const outcome = (f: () => number): number | string => { try { return f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; } };
const files = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.bpgraph'));
const example = (file: string): Graph => parseGraphFile(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8'));

describe('feedTrainSize', () => {
  it.each(files)('is buildFeed\'s trainSize on %s', (file) => {
    const g = example(file);
    expect(feedTrainSize(g)).toBe(buildFeed(g).trainSize);
  });
  it('is the batch of a graph with fixed values', () => {
    expect(feedTrainSize(mlpGraph({ sizes: [3, 4, 2], batch: 5, seed: 1 }))).toBe(5);
  });
  it('throws what buildFeed throws: an unconnected input, a program over the budget', () => {
    const g = mlpGraph({ sizes: [3, 4, 2], batch: 5, seed: 1 });
    const unconnected: Graph = { ...g, edges: g.edges.slice(1) };
    // A 30,000 × 30,000 weight (7.2 GB) and no values for it in the file: refused by the budget.
    const wide = 30000, value = { shape: [1, wide], data: new Array<number>(wide).fill(0) };
    const huge: Graph = {
      name: 'huge', seed: 0, edges: [
        { id: 'a', source: 'x', sourcePort: 'out', target: 'fc', targetPort: 'in' }, { id: 'b', source: 'fc', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
        { id: 'c', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' }],
      nodes: [{ id: 'x', kind: 'input', config: { size: wide }, value }, { id: 'y', kind: 'target', config: { size: wide }, value },
        { id: 'fc', kind: 'linear', config: { in: wide, out: wide } }, { id: 'loss', kind: 'mse', config: { reduction: 'mean' } }],
    };
    for (const bad of [unconnected, huge]) {
      const expected = outcome(() => buildFeed(bad).trainSize);
      expect(typeof expected).toBe('string');
      expect(outcome(() => feedTrainSize(bad))).toBe(expected);
    }
  });
});
