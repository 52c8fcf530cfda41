// The window of a large graph: the view snapped to a grid and grown by a cell (stable while panning
// within a cell), the nodes it meets plus the other ends of their edges and the selection, and the
// overview below the readable zoom.
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../../../engine/index.ts';
import { graphBounds, nodeWindow, OVERVIEW_BELOW_ZOOM, sameWindow, windowNodeIds } from '../../../renderer/canvas/node-window.ts';
import { NEW_NODE_SIZE } from '../../../renderer/layout/free-spot.ts';

/** n tanh nodes in a chain, 10 a row, 200 × 100 apart. */
function grid(n: number): Graph {
  const nodes: GraphNode[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'tanh', position: { x: (i % 10) * 200, y: Math.floor(i / 10) * 100 } }));
  const edges: GraphEdge[] = nodes.slice(1).map((t, i) => ({ id: `e${i}`, source: `n${i}`, sourcePort: 'out', target: t.id, targetPort: 'in' }));
  return { name: 'grid', seed: 0, nodes, edges };
}

describe('nodeWindow', () => {
  it('covers the view with a cell to spare each side, in flow coordinates', () => {
    const w = nodeWindow([-1000, -500, 0.5], 800, 600);
    if (w === 'overview') throw new Error('expected a window');
    // The view is x 2000…3600, y 1000…2200; cells are 1024 wide (a power of two ≥ half of 1600).
    expect(w).toEqual({ x: 0, y: -1024, width: 5120, height: 5120 });
    expect(w.x).toBeLessThanOrEqual(2000 - 1024);
    expect(w.x + w.width).toBeGreaterThanOrEqual(3600 + 1024);
  });
  it('stays the same while the view pans within a cell, and moves on past it', () => {
    const at = (x: number) => nodeWindow([x, 0, 1], 800, 600);
    expect(sameWindow(at(-10), at(-200))).toBe(true);
    expect(sameWindow(at(-10), at(-600))).toBe(false);
  });
  it('is the overview below the readable zoom', () => {
    expect(nodeWindow([0, 0, OVERVIEW_BELOW_ZOOM - 0.01], 800, 600)).toBe('overview');
    expect(nodeWindow([0, 0, OVERVIEW_BELOW_ZOOM], 800, 600)).not.toBe('overview');
  });
});

describe('windowNodeIds', () => {
  const g = grid(100);
  it('holds the nodes the area meets, the other ends of their edges, and the pinned ones', () => {
    const ids = windowNodeIds(g, { x: 0, y: 0, width: 350, height: 150 }, new Map(), ['n99']);
    // n0, n1 (x 0, 200) in rows 0 and 1 (y 0, 100): n0, n1, n10, n11; their chain neighbours n2, n9, n12.
    expect([...ids].sort()).toEqual(['n0', 'n1', 'n10', 'n11', 'n12', 'n2', 'n9', 'n99'].sort());
  });
  it('uses the measured size where there is one', () => {
    const wide = new Map([['n0', { width: 500, height: 20 }]]);
    expect(windowNodeIds(g, { x: 450, y: 0, width: 10, height: 10 }, new Map(), []).has('n0')).toBe(false);
    expect(windowNodeIds(g, { x: 450, y: 0, width: 10, height: 10 }, wide, []).has('n0')).toBe(true);
  });
});

describe('graphBounds', () => {
  it('is the box around every node', () => {
    expect(graphBounds(grid(20), new Map())).toEqual({ x: 0, y: 0, width: 1800 + NEW_NODE_SIZE.width, height: 100 + NEW_NODE_SIZE.height });
    expect(graphBounds({ name: '', seed: 0, nodes: [], edges: [] }, new Map())).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});
