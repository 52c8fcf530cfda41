// The runner skips a run only when the new document computes exactly what was last sent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import { changesResults, diffGraphs } from '../../../renderer/model/graph-change.ts';
import { moveNodes, setConfig, setTensorEntry, withMissingParams } from '../../../renderer/model/graph-ops.ts';

/** The engine client re-runs exactly when the change can alter the results. */
const sameComputation = (a: Graph, b: Graph): boolean => !changesResults(diffGraphs(a, b));

const lecture = (): Graph => withMissingParams(parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8')));

describe('sameComputation', () => {
  const g = lecture();
  const linear = g.nodes.find((n) => n.params)!;
  const param = Object.keys(linear.params!)[0]!;
  it('ignores positions and equal copies', () => {
    expect(sameComputation(g, moveNodes(g, new Map([[linear.id, { x: 1, y: 2 }]])))).toBe(true);
    expect(sameComputation(g, structuredClone(g))).toBe(true);
  });
  it('sees a parameter entry, a config value, the seed and an edge', () => {
    expect(sameComputation(g, setTensorEntry(g, linear.id, { param }, 0, 0.123))).toBe(false);
    expect(sameComputation(g, setConfig(g, linear.id, { bias: true }))).toBe(false);
    expect(sameComputation(g, { ...g, seed: (g.seed ?? 0) + 1 })).toBe(false);
    const e = g.edges[0]!;
    expect(sameComputation(g, { ...g, edges: [{ ...e, targetPort: `${e.targetPort}x` }, ...g.edges.slice(1)] })).toBe(false);
  });
});

describe('sameComputation with datasets', () => {
  const moons = parseGraphFile(readFileSync(new URL('../../../examples/two-moons-tanh.bpgraph', import.meta.url), 'utf8'));
  it('sees a change of a dataset recipe and of a node binding', () => {
    const datasets = moons.datasets as Record<string, Record<string, unknown>>;
    const [name, spec] = Object.entries(datasets)[0]!;
    expect(sameComputation(moons, { ...moons, datasets: { ...datasets, [name]: { ...spec, seed: 999 } } })).toBe(false);
    const bound = moons.nodes.findIndex((n) => n.binding !== undefined);
    const node = moons.nodes[bound]!;
    const rebound = { ...node, binding: { ...(node.binding as object), field: 'other' } };
    expect(sameComputation(moons, { ...moons, nodes: moons.nodes.map((n, i) => (i === bound ? rebound : n)) })).toBe(false);
    expect(sameComputation(moons, { ...moons, datasets: structuredClone(moons.datasets) })).toBe(true);
  });
});
