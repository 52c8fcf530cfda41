// Group as module and Ungroup (issue 13.4): the boundary's edges become the module's ports, the
// parameters move to the instance, every value of a run stays the same, and ungrouping gives the
// original document back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { groupAsModule, innerNodes, setModuleShared, topLevelId, ungroupModule } from '../../../renderer/model/composite-ops.ts';

const file = (name: string): Graph => parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));
const runOf = (g: Graph) => { const p = compileGraph(g); p.run(); return p.results(); };

describe('group as module', () => {
  it('turns w1 → h1 → w2 into one instance whose ports are the crossing edges, and the run is unchanged', () => {
    const g = file('lecture-two-layer');
    const r = groupAsModule(g, ['w1', 'h1', 'w2']);
    if (!r.ok) throw new Error(r.reason);
    const def = r.graph.modules!.module1!;
    expect(def.inputs).toEqual({ in: { node: 'w1', port: 'in' } });
    expect(def.outputs).toEqual({ out: { node: 'w2', port: 'out' } });
    expect(def.nodes.map((n) => n.id)).toEqual(['w1', 'h1', 'w2']);
    expect(def.edges.map((e) => e.id)).toEqual(['e-w1-h1', 'e-h1-w2']);
    expect(def.nodes.every((n) => n.params === undefined)).toBe(true);
    const inst = r.graph.nodes.find((n) => n.id === r.instanceId)!;
    expect(inst).toMatchObject({ kind: 'module', config: { module: 'module1' }, position: { x: 260, y: 80 } });
    const expected = Object.fromEntries(g.nodes.filter((n) => ['w1', 'w2'].includes(n.id)).flatMap((n) => Object.entries(n.params!).map(([k, t]) => [`${n.id}.${k}`, t])));
    expect(Object.keys(expected)).toContain('w1.W');
    expect(inst.params).toEqual(expected);
    expect(r.graph.nodes.map((n) => n.id)).toEqual(['x', 'm1', 'h2', 'y', 'loss']);
    expect(r.graph.edges.find((e) => e.id === 'e-x-w1')).toMatchObject({ source: 'x', target: 'm1', targetPort: 'in' });
    expect(r.graph.edges.find((e) => e.id === 'e-w2-h2')).toMatchObject({ source: 'm1', sourcePort: 'out', target: 'h2' });
    const before = runOf(g), after = runOf(r.graph);
    expect(after.loss).toBe(before.loss);
    expect(Array.from(after.nodes['m1/w2']!.params.W!.grad.data)).toEqual(Array.from(before.nodes.w2!.params.W!.grad.data));
    expect(Array.from(after.nodes.m1!.output.data)).toEqual(Array.from(before.nodes.w2!.output.data));
    // it saves and loads as it is
    expect(parseGraphFile(serializeGraph(r.graph))).toEqual(r.graph);
  });

  it('ungroup puts the inside back: the same document as before grouping', () => {
    const g = file('lecture-two-layer');
    const r = groupAsModule(g, ['w1', 'h1', 'w2']);
    if (!r.ok) throw new Error(r.reason);
    const u = ungroupModule(r.graph, r.instanceId);
    if (!u.ok) throw new Error(u.reason);
    expect(u.nodeIds).toEqual(['w1', 'h1', 'w2']);
    expect(u.graph.modules).toBeUndefined();
    expect(u.graph.nodes).toEqual(g.nodes);
    expect([...u.graph.edges].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...g.edges].sort((a, b) => a.id.localeCompare(b.id)));
    expect(runOf(u.graph).loss).toBe(runOf(g).loss);
  });

  it('a module with two outputs and an input used twice; nested grouping; refusals', () => {
    const g = file('lecture-two-layer');
    const two = groupAsModule(g, ['w1', 'h1']);
    if (!two.ok) throw new Error(two.reason);
    const nested = groupAsModule(two.graph, [two.instanceId, 'w2', 'h2']);
    if (!nested.ok) throw new Error(nested.reason);
    expect(Object.keys(nested.graph.modules!)).toEqual(['module1', 'module2']);
    expect(Object.keys(nested.graph.nodes.find((n) => n.id === nested.instanceId)!.params!)).toEqual(expect.arrayContaining(['m1/w1.W', 'w2.W']));
    const r = runOf(nested.graph);
    expect(r.order).toContain('m2/m1/w1');
    expect(r.loss).toBe(runOf(g).loss);
    expect(topLevelId(nested.graph, 'm2/m1/w1')).toBe('m2');
    expect(innerNodes(nested.graph, 'm2').map((n) => n.id)).toEqual(['m2/m1/w1', 'm2/m1/h1', 'm2/w2', 'm2/h2']);
    const back = ungroupModule(nested.graph, nested.instanceId);
    if (!back.ok) throw new Error(back.reason);
    expect(runOf(back.graph).loss).toBe(runOf(g).loss);
    expect(groupAsModule(g, ['x', 'w1'])).toEqual({ ok: false, reason: '"x" is an input node: data stays outside a module (group what it feeds)' });
    expect(groupAsModule(g, ['loss'])).toMatchObject({ ok: false, reason: expect.stringContaining('a module needs an output') });
  });

  it('shared: every instance then uses the first one\'s parameters, and back', () => {
    const g = file('lecture-two-layer');
    const r = groupAsModule(g, ['w1', 'h1']);
    if (!r.ok) throw new Error(r.reason);
    const shared = setModuleShared(r.graph, 'module1', true);
    expect(shared.nodes.find((n) => n.id === 'm1')!.params).toBeUndefined();
    expect(Object.keys(shared.modules!.module1!.params!)).toEqual(Object.keys(r.graph.nodes.find((n) => n.id === 'm1')!.params!));
    expect(runOf(shared).loss).toBe(runOf(g).loss);
    const own = setModuleShared(shared, 'module1', false);
    expect(own.nodes.find((n) => n.id === 'm1')!.params).toEqual(r.graph.nodes.find((n) => n.id === 'm1')!.params);
  });
});
