// The inside of an opened instance (issue 13.4): its nodes under flat ids, its edges and port markers,
// each edge keyed to the run result of THAT instance, nested instances opening further.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, type Graph } from '../../../engine/index.ts';
import { groupAsModule } from '../../../renderer/model/composite-ops.ts';
import { insideLayoutGraph, insideView, markerId } from '../../../renderer/model/inside-view.ts';

const lecture = (): Graph => parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
const runOf = (g: Graph) => { const p = compileGraph(g); p.run(); return p.results(); };
function grouped(g: Graph, ids: string[]): { graph: Graph; instanceId: string } {
  const r = groupAsModule(g, ids);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('insideView', () => {
  it('shows an instance\'s inner nodes and edges under flat ids, with markers named by its ports', () => {
    const { graph } = grouped(lecture(), ['w1', 'h1', 'w2']);
    const v = insideView(graph, ['m1'])!;
    expect(v.crumbs).toEqual([{ id: 'm1', localId: 'm1', module: 'module1' }]);
    expect(v.nodes.map((n) => [n.id, n.node.kind])).toEqual([['m1/w1', 'linear'], ['m1/h1', 'sigmoid'], ['m1/w2', 'linear']]);
    expect(v.markers).toEqual([{ id: '#in:in', side: 'input', port: 'in' }, { id: '#out:out', side: 'output', port: 'out' }]);
    expect(v.edges).toEqual([
      { id: 'm1/e-w1-h1', source: 'm1/w1', sourcePort: 'out', target: 'm1/h1', targetPort: 'in', resultKey: 'm1/e-w1-h1' },
      { id: 'm1/e-h1-w2', source: 'm1/h1', sourcePort: 'out', target: 'm1/w2', targetPort: 'in', resultKey: 'm1/e-h1-w2' },
      // The boundary: what enters at `in` is the outer edge x → m1, what leaves at `out` the edge m1 → h2.
      { id: 'm1/#in:in', source: '#in:in', sourcePort: 'out', target: 'm1/w1', targetPort: 'in', resultKey: 'e-x-w1' },
      { id: 'm1/#out:out', source: 'm1/w2', sourcePort: 'out', target: '#out:out', targetPort: 'in', resultKey: 'e-w2-h2' },
    ]);
  });

  it('keys every edge to a run result of that instance: an inner edge carries its source\'s output', () => {
    const { graph } = grouped(lecture(), ['w1', 'h1', 'w2']);
    const r = runOf(graph);
    const v = insideView(graph, ['m1'])!;
    for (const e of v.edges) expect(r.edges[e.resultKey!], e.id).toBeDefined();
    const inner = v.edges.find((e) => e.id === 'm1/e-h1-w2')!;
    expect(Array.from(r.edges[inner.resultKey!]!.value.data)).toEqual(Array.from(r.nodes['m1/h1']!.output.data));
  });

  it('opens a nested instance further: ids, breadcrumb and the boundary of the inner level', () => {
    const first = grouped(lecture(), ['w1', 'h1']);
    const nested = grouped(first.graph, [first.instanceId, 'w2']);
    const outer = insideView(nested.graph, [nested.instanceId])!;
    expect(outer.nodes.map((n) => n.id)).toEqual(['m2/m1', 'm2/w2']);
    const inner = insideView(nested.graph, ['m2', 'm2/m1'])!;
    expect(inner.crumbs.map((c) => [c.id, c.localId, c.module])).toEqual([['m2', 'm2', 'module2'], ['m2/m1', 'm1', 'module1']]);
    expect(inner.nodes.map((n) => n.id)).toEqual(['m2/m1/w1', 'm2/m1/h1']);
    const r = runOf(nested.graph);
    // m1's input is fed inside m2 by m2's own input edge, keyed at m2's level.
    const feed = inner.edges.find((e) => e.source === markerId('input', 'in'))!;
    expect(feed.target).toBe('m2/m1/w1');
    expect(feed.resultKey).toBe('e-x-w1'); // outside both modules
    expect(inner.edges.find((e) => e.target === markerId('output', 'out'))!.resultKey).toBe('m2/e-h1-w2');
    for (const e of inner.edges) if (e.resultKey) expect(r.edges[e.resultKey], e.id).toBeDefined();
    expect(r.edges['m2/m1/e-w1-h1']).toBeDefined();
    expect(inner.edges.map((e) => e.resultKey)).toContain('m2/m1/e-w1-h1');
  });

  it('is null for a path the document no longer has, and lays out markers with the inner nodes', () => {
    const { graph } = grouped(lecture(), ['w1', 'h1', 'w2']);
    expect(insideView(graph, [])).toBeNull();
    expect(insideView(graph, ['x'])).toBeNull();
    expect(insideView(graph, ['m1', 'm1/w1'])).toBeNull();
    expect(insideView(lecture(), ['m1'])).toBeNull();
    const layout = insideLayoutGraph(insideView(graph, ['m1'])!);
    expect(layout.nodes.map((n) => n.id)).toEqual(['#in:in', '#out:out', 'm1/w1', 'm1/h1', 'm1/w2']);
    expect(layout.edges).toHaveLength(4);
  });
});
