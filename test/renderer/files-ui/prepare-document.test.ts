// A large document prepared in steps is exactly what the store's load makes of it (the same object
// when nothing was missing), its index is ready, and the progress only goes up; a small one is left
// for the load as before.
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../../../engine/index.ts';
import { PREPARE_ABOVE, prepareDocument } from '../../../renderer/files-ui/prepare-document.ts';
import { withMissingParams } from '../../../renderer/model/graph-ops.ts';

/** x → (linear 2→2, tanh) × pairs → mse ← y, no parameters in the file. */
function chain(pairs: number): Graph {
  const value = { shape: [1, 2], data: [0.5, -1] };
  const nodes: GraphNode[] = [{ id: 'x', kind: 'input', config: { size: 2 }, value }, { id: 'y', kind: 'target', config: { size: 2 }, value }];
  const edges: GraphEdge[] = [];
  let prev = 'x';
  for (let i = 0; i < pairs; i++) {
    nodes.push({ id: `l${i}`, kind: 'linear', config: { in: 2, out: 2 } }, { id: `t${i}`, kind: 'tanh' });
    edges.push({ id: `a${i}`, source: prev, sourcePort: 'out', target: `l${i}`, targetPort: 'in' }, { id: `b${i}`, source: `l${i}`, sourcePort: 'out', target: `t${i}`, targetPort: 'in' });
    prev = `t${i}`;
  }
  nodes.push({ id: 'loss', kind: 'mse', config: { reduction: 'mean' } });
  edges.push({ id: 'p', source: prev, sourcePort: 'out', target: 'loss', targetPort: 'pred' }, { id: 't', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' });
  return { name: 'chain', seed: 3, nodes, edges };
}

const noPause = (): Promise<void> => Promise.resolve();

describe('prepareDocument', () => {
  const large = chain(PREPARE_ABOVE); // 2,003 nodes
  it('gives the graph the load would, reporting rising progress', async () => {
    const shares: number[] = [];
    const ready = await prepareDocument(large, (f) => shares.push(f), noPause);
    expect(ready).toEqual(withMissingParams(large));
    expect(ready.nodes.find((n) => n.id === 'l7')?.params?.W).toBeDefined();
    // Ready: the load's withMissingParams keeps the object.
    expect(withMissingParams(ready)).toBe(ready);
    expect(shares.length).toBeGreaterThan(3);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares[shares.length - 1]).toBe(1);
  });
  it('keeps a graph that lacks nothing as it is', async () => {
    const full = withMissingParams(large);
    expect(await prepareDocument(full, () => {}, noPause)).toBe(full);
  });
  it('leaves a small graph to the load', async () => {
    const small = chain(3);
    const shares: number[] = [];
    expect(await prepareDocument(small, (f) => shares.push(f), noPause)).toBe(small);
    expect(shares).toEqual([]);
  });
});
