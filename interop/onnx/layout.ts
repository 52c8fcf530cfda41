// Positions for an imported graph: layered left to right by the longest path from the inputs (one
// column per step), each column's nodes one under the other in document order, so the canvas opens
// on a readable drawing rather than a pile. Data nodes that feed only losses (targets) stand in the
// column before their loss, so their wire is short.
import type { Graph } from '../../engine/index.ts';

export const COLUMN = 260;
// Tall enough for a linear node with its parameter and gradient lines (w₁ = …, ∂L/∂w₁ = …, b, ∂L/∂b).
export const ROW = 220;

export function layOut(graph: Graph): Graph {
  const into = new Map<string, string[]>();
  for (const e of graph.edges) into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: analysis reports it; the layout only has to end
    seen.add(id);
    const d = Math.max(-1, ...(into.get(id) ?? []).map((s) => depthOf(s, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of graph.nodes) depthOf(n.id, new Set());
  for (const e of graph.edges) {
    const source = graph.nodes.find((n) => n.id === e.source);
    if (source?.kind === 'target') depth.set(e.source, Math.max(depth.get(e.source)!, depth.get(e.target)! - 1));
  }
  const rows = new Map<number, number>();
  const nodes = graph.nodes.map((n) => {
    const column = depth.get(n.id)!;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { ...n, position: { x: column * COLUMN, y: row * ROW } };
  });
  return { ...graph, nodes };
}
