// The wired part of a document (issue 10.12), one rule for the canvas, the math panels, training and the
// CLI: nodes with an unconnected input, and what they feed, are left out; any other issue stops the run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, runnablePart, type Graph } from '../../engine/index.ts';

const lecture = (): Graph => parseGraphFile(readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
const withDangling = (g: Graph, extra: Graph['nodes'] = [], edges: Graph['edges'] = []): Graph => ({
  ...g,
  nodes: [...g.nodes, { id: 'linear9', kind: 'linear', config: { in: 1, out: 1 } }, { id: 'tanh9', kind: 'tanh' }, ...extra],
  edges: [...g.edges, { id: 'e-9', source: 'linear9', sourcePort: 'out', target: 'tanh9', targetPort: 'in' }, ...edges],
});

describe('runnablePart', () => {
  it('is the document itself when every node is wired', () => {
    const g = lecture();
    const r = runnablePart(g);
    expect(r.ok && r.part.graph).toBe(g);
  });

  it('leaves out a node with an unconnected input and what it feeds; the rest runs as before', () => {
    const r = runnablePart(withDangling(lecture()));
    if (!r.ok) throw new Error('refused');
    expect([...r.part.unwired].sort()).toEqual(['linear9', 'tanh9']);
    expect(r.part.graph.nodes.map((n) => n.id)).toEqual(lecture().nodes.map((n) => n.id));
    expect(compileGraph(r.part.graph).run()).toBe(compileGraph(lecture()).run());
  });

  it('refuses with the other issues, and only those, when something besides wiring is wrong', () => {
    const r = runnablePart(withDangling(lecture(), [{ id: 'w9', kind: 'linear', config: { in: 3, out: 1 } }], [{ id: 'e-w9', source: 'h1', sourcePort: 'out', target: 'w9', targetPort: 'in' }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.nodeId)).toEqual(['w9']);
    expect(r.issues.every((i) => i.code !== 'unconnected-port')).toBe(true);
  });
});
