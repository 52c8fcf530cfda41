// serializeGraph with a GraphTextCache writes the very bytes of serializeGraph without one, on every
// example and on documents with the awkward cases of JSON.stringify, after edits that share elements.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphTextCache, parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { messyGraph } from '../support/sample-graphs.ts';

const examplesDir = new URL('../../../examples/', import.meta.url);
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.bpgraph')).map((f) => parseGraphFile(readFileSync(new URL(f, examplesDir), 'utf8')));

/** Fields JSON.stringify writes in its own way: undefined (skipped), NaN (null), holes, empty lists and records, odd keys. */
function awkward(): Graph {
  const g = messyGraph();
  const nodes = [...g.nodes];
  nodes[0] = { ...nodes[0]!, label: 'line\nbreak "quoted" \u2028 é', params: { W: { shape: [1, 2], data: [NaN, -0] } }, position: undefined };
  const sparse = [nodes[0]] as unknown[];
  return {
    ...g, nodes, edges: [], training: undefined, datasets: {}, seed: 7, extra: { deep: [sparse, {}, []], '': 1 },
    modules: { 'm "1"': { inputs: { in: { node: 'a', port: 'in' } }, outputs: { out: { node: 'a', port: 'out' } }, nodes: [{ id: 'a', kind: 'tanh' }], edges: [] } },
  } as unknown as Graph;
}

describe('serializeGraph with a GraphTextCache', () => {
  it('writes the same bytes as without it, on every example and on awkward documents', () => {
    const cache = new GraphTextCache();
    for (const g of [...examples, messyGraph(), awkward(), { name: 'empty', nodes: [], edges: [] }]) {
      expect(serializeGraph(g, cache)).toBe(serializeGraph(g));
      expect(serializeGraph(g, cache)).toBe(serializeGraph(g)); // and again, from the cache
    }
  });

  it('a list with a hole and an entry JSON cannot write reads null, as JSON.stringify writes it', () => {
    const g = { ...messyGraph(), edges: [undefined, , messyGraph().edges[0]] } as unknown as Graph; // eslint-disable-line no-sparse-arrays
    expect(serializeGraph(g, new GraphTextCache())).toBe(serializeGraph(g));
  });

  it('after an edit, the changed node is written anew and the untouched ones reused', () => {
    const cache = new GraphTextCache();
    let g = examples.find((e) => e.nodes.some((n) => n.params))!;
    serializeGraph(g, cache);
    for (let i = 0; i < 5; i++) {
      const at = g.nodes.findIndex((n) => n.params);
      const node = g.nodes[at]!, [name, p] = Object.entries(node.params!)[0]!;
      const nodes = [...g.nodes];
      nodes[at] = { ...node, params: { ...node.params, [name]: { ...p, data: p.data.map((x, j) => (j === 0 ? x + i + 0.5 : x)) } } };
      g = { ...g, nodes, name: `edit ${i}` };
      const text = serializeGraph(g, cache);
      expect(text).toBe(serializeGraph(g));
      expect(parseGraphFile(text)).toEqual(parseGraphFile(serializeGraph(g)));
    }
  });
});
