// Large graphs (issue 14.6): React Flow is given only the nodes near the view and the edges between
// them, so opening 10,000 nodes adopts a few hundred, and panning swaps them in as they come near.
// The window is the view snapped outward to a grid (cells a power of two wide), grown by a cell each
// side: it stays the same while the view pans within a cell or zooms within a power of two. Zoomed
// out so far that node text is unreadable, the canvas draws an overview instead (OverviewCanvas).
import type { Graph } from '../../engine/index.ts';
import { NEW_NODE_SIZE, nodeBoxes, type Box } from '../layout/free-spot.ts';

/** Graphs with more nodes than this are windowed; smaller ones give React Flow every node, as always. */
export const WINDOW_ABOVE = 1000;
/** Below this zoom a windowed graph shows the overview (node text would be under 6 px). */
export const OVERVIEW_BELOW_ZOOM = 0.4;

/** The flow-coordinate rectangle whose nodes React Flow gets, or 'overview'. */
export type NodeWindow = Box | 'overview';

/** The window for React Flow's transform [x, y, zoom] over a pane of width × height screen px. */
export function nodeWindow(transform: readonly [number, number, number], width: number, height: number): NodeWindow {
  const [tx, ty, zoom] = transform;
  if (zoom < OVERVIEW_BELOW_ZOOM) return 'overview';
  const view = { x: -tx / zoom, y: -ty / zoom, width: Math.max(1, width) / zoom, height: Math.max(1, height) / zoom };
  const cell = 2 ** Math.ceil(Math.log2(Math.max(view.width, view.height) / 2));
  const x = (Math.floor(view.x / cell) - 1) * cell, y = (Math.floor(view.y / cell) - 1) * cell;
  const right = (Math.ceil((view.x + view.width) / cell) + 1) * cell, bottom = (Math.ceil((view.y + view.height) / cell) + 1) * cell;
  return { x, y, width: right - x, height: bottom - y };
}

export const sameWindow = (a: NodeWindow, b: NodeWindow): boolean =>
  a === b || (a !== 'overview' && b !== 'overview' && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

/**
 * The ids of the nodes whose box meets `area`, of the nodes at the other end of their edges (so an
 * edge leaving the view is drawn), and the `pinned` ones (the selection, which a drag carries along).
 */
export function windowNodeIds(graph: Graph, area: Box, measured: ReadonlyMap<string, { width: number; height: number }>, pinned: readonly string[]): Set<string> {
  const ids = new Set(pinned);
  const inside = new Set<string>();
  // No box objects: this runs over every node on each render of a 10,000-node canvas.
  for (const n of graph.nodes) {
    const x = n.position?.x ?? 0, y = n.position?.y ?? 0, size = measured.get(n.id) ?? NEW_NODE_SIZE;
    if (x < area.x + area.width && area.x < x + size.width && y < area.y + area.height && area.y < y + size.height) inside.add(n.id);
  }
  for (const id of inside) ids.add(id);
  for (const e of graph.edges) {
    if (inside.has(e.source)) ids.add(e.target);
    else if (inside.has(e.target)) ids.add(e.source);
  }
  return ids;
}

/** The box around every node (measured size, else NEW_NODE_SIZE): what a fit of a windowed graph fits. */
export function graphBounds(graph: Graph, measured: ReadonlyMap<string, { width: number; height: number }>): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of nodeBoxes(graph.nodes, measured)) {
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
  }
  return x0 === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
