// The one description of what changed: its kind, what it touched, and the store that keeps it.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import { changesAnalysis, changesModel, changesResults, diffGraphs, isUnchanged } from '../../../renderer/model/graph-change.ts';
import { moveNodes, setConfig, setTensorEntry, withMissingParams } from '../../../renderer/model/graph-ops.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { useHistory } from '../../../renderer/store/history-store.ts';

const file = (name: string): Graph => withMissingParams(parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8')));

describe('diffGraphs', () => {
  const g = file('lecture-two-layer');
  const linear = g.nodes.find((n) => n.params)!;
  const param = Object.keys(linear.params!)[0]!;

  it('names the kind of each edit and what it touched', () => {
    const moved = diffGraphs(g, moveNodes(g, new Map([[linear.id, { x: 1, y: 2 }]])));
    expect(moved).toMatchObject({ kind: 'positions', moved: new Set([linear.id]), nodes: new Set(), edges: new Set() });
    const numbers = diffGraphs(g, setTensorEntry(g, linear.id, { param }, 0, 0.5));
    expect(numbers).toMatchObject({ kind: 'numbers', moved: new Set(), nodes: new Set([linear.id]) });
    expect(diffGraphs(g, setConfig(g, linear.id, { out: 2 }))).toMatchObject({ kind: 'structure', nodes: new Set([linear.id]) });
    const dropped = g.edges[0]!;
    expect(diffGraphs(g, { ...g, edges: g.edges.slice(1) })).toMatchObject({ kind: 'structure', edges: new Set([dropped.id]), nodes: new Set() });
    expect(diffGraphs(g, { ...g, nodes: g.nodes.slice(1) })).toMatchObject({ kind: 'structure', nodes: new Set([g.nodes[0]!.id]) });
  });

  it('compares content, whatever the key order', () => {
    const reordered: Graph = { ...g, nodes: g.nodes.map((n) => Object.fromEntries(Object.entries(n).reverse()) as typeof n) };
    expect(isUnchanged(diffGraphs(g, reordered))).toBe(true);
    expect(isUnchanged(diffGraphs(g, structuredClone(g)))).toBe(true);
  });

  it('keeps settings and the name apart from what computes', () => {
    const settings = diffGraphs(g, { ...g, training: { epochs: 3 } });
    expect(settings).toMatchObject({ kind: 'same', training: true });
    expect([isUnchanged(settings), changesResults(settings), changesModel(settings)]).toEqual([false, false, true]);
    // Exercise settings (issue 11.2): a version of its own for undo and the dirty flag; nothing re-runs.
    const exercise = diffGraphs(g, { ...g, exercise: { ask: 'backward', learningRate: 0.5, digits: 3 } });
    expect(exercise).toMatchObject({ kind: 'same', exercise: true, training: false });
    expect([isUnchanged(exercise), changesResults(exercise), changesModel(exercise), changesAnalysis(exercise)]).toEqual([false, false, false, false]);
    const renamed = diffGraphs(g, { ...g, name: 'other' });
    expect([isUnchanged(renamed), changesResults(renamed), changesModel(renamed)]).toEqual([false, false, false]);
    const seeded = diffGraphs(g, { ...g, seed: 99 });
    expect([seeded.kind, changesResults(seeded), changesAnalysis(seeded)]).toEqual(['structure', true, true]);
  });

  it('calls a recipe change of a dataset structure', () => {
    const moons = file('two-moons-tanh');
    const datasets = moons.datasets as Record<string, Record<string, unknown>>;
    const [name, spec] = Object.entries(datasets)[0]!;
    expect(diffGraphs(moons, { ...moons, datasets: { ...datasets, [name]: { ...spec, noise: 0.3 } } })).toMatchObject({ kind: 'structure', datasets: true });
  });

  it('is computed once per pair', () => {
    const next = moveNodes(g, new Map([[linear.id, { x: 3, y: 3 }]]));
    expect(diffGraphs(g, next)).toBe(diffGraphs(g, next));
  });
});

describe('the document store keeps the change of every version', () => {
  beforeEach(() => useDocument.getState().load(file('lecture-two-layer')));

  it('records the change of a commit, an undo and a drag', () => {
    const doc = useDocument.getState;
    const before = doc().graph;
    doc().commit('edit config', setConfig(before, 'w1', { out: 2 }));
    expect(doc().change).toMatchObject({ from: before, to: doc().graph, kind: 'structure', nodes: new Set(['w1']) });
    doc().undo();
    expect(doc().change).toMatchObject({ to: before, kind: 'structure' });
    doc().dragPositions(new Map([['x', { x: 5, y: 5 }]]));
    expect(doc().change).toMatchObject({ kind: 'positions', moved: new Set(['x']) });
  });

  it('an edit that changes nothing makes no new version and no history entry', () => {
    const doc = useDocument.getState;
    const before = doc().graph;
    doc().commit('edit config', structuredClone(before));
    expect(doc().graph).toBe(before);
    expect(useHistory.getState().past).toHaveLength(0);
  });

  it('a drag that ends where it began leaves the version it started from', () => {
    const doc = useDocument.getState;
    const before = doc().graph;
    const at = before.nodes.find((n) => n.id === 'x')!.position!;
    doc().dragPositions(new Map([['x', { x: at.x + 30, y: at.y }]]));
    doc().dragPositions(new Map([['x', { ...at }]]));
    doc().dragStop();
    expect(doc().graph).toBe(before);
    expect(useHistory.getState().past).toHaveLength(0);
  });
});
