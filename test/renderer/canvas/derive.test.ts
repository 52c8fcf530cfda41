// React Flow gets the very same node array after an edit it cannot see (a parameter), and a new
// one, with only the moved node replaced, after a move.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import { createEdgeDeriver, createNodeDeriver } from '../../../renderer/canvas/derive.ts';
import { moveNodes, setTensorEntry, withMissingParams } from '../../../renderer/model/graph-ops.ts';

const lecture = (): Graph => withMissingParams(parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8')));

describe('createNodeDeriver', () => {
  const g = lecture();
  const linear = g.nodes.find((n) => n.params)!;
  it('keeps the array across a parameter edit', () => {
    const derive = createNodeDeriver();
    const before = derive(g, [], new Map());
    expect(derive(setTensorEntry(g, linear.id, { param: Object.keys(linear.params!)[0]! }, 0, 9), [], new Map())).toBe(before);
  });
  it('replaces only the moved node, and reflects selection', () => {
    const derive = createNodeDeriver();
    const before = derive(g, [], new Map());
    const after = derive(moveNodes(g, new Map([[linear.id, { x: 7, y: 8 }]])), [], new Map());
    expect(after).not.toBe(before);
    after.forEach((n, i) => (n.id === linear.id ? expect(n.position).toEqual({ x: 7, y: 8 }) : expect(n).toBe(before[i])));
    expect(derive(g, [linear.id], new Map()).find((n) => n.id === linear.id)?.selected).toBe(true);
  });
  it('gives an unmeasured node estimated handles, one per port, so React Flow need not mount it to cull it', () => {
    const derive = createNodeDeriver();
    const loss = g.nodes.find((n) => n.kind === 'mse')!;
    const rf = derive(g, [], new Map()).find((n) => n.id === loss.id)!;
    expect(rf.handles?.map((h) => `${h.type}:${h.id}`)).toEqual(['target:pred', 'target:target', 'source:out']);
    expect(rf.initialWidth).toBeGreaterThan(0);
    // Measured, React Flow keeps the bounds it measured: no estimate would override them.
    const measured = derive(g, [], new Map([[loss.id, { width: 120, height: 90 }]])).find((n) => n.id === loss.id)!;
    expect(measured.handles).toBeUndefined();
    expect(measured.measured).toEqual({ width: 120, height: 90 });
  });
});

describe('createEdgeDeriver', () => {
  it('keeps the array while edges and selection are unchanged', () => {
    const g = lecture();
    const derive = createEdgeDeriver();
    const before = derive(g, []);
    expect(derive({ ...g, nodes: [...g.nodes] }, [])).toBe(before);
    expect(derive(g, [g.edges[0]!.id])).not.toBe(before);
  });
});
