// Copy/paste of a selection: the nodes plus the edges among them, pasted with fresh ids.
import type { Graph, GraphEdge, GraphNode } from '../../engine/index.ts';
import { freshId } from './graph-ops.ts';

export interface Clip { nodes: GraphNode[]; edges: GraphEdge[] }

export function copySelection(graph: Graph, nodeIds: readonly string[]): Clip | null {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return structuredClone({ nodes, edges });
}

/** Adds the clip to the graph, shifted by `offset`; returns the new node ids. */
export function pasteClip(graph: Graph, clip: Clip, offset: { x: number; y: number }): { graph: Graph; nodeIds: string[] } {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const prefix = n.id.replace(/\d+$/, '') || n.kind;
    const id = freshId(graph, prefix, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = clip.nodes.map((n) => ({
    ...structuredClone(n),
    id: rename.get(n.id)!,
    position: { x: (n.position?.x ?? 0) + offset.x, y: (n.position?.y ?? 0) + offset.y },
  }));
  const withNodes: Graph = { ...graph, nodes: [...graph.nodes, ...nodes] };
  const edges = clip.edges.map((e) => {
    const source = rename.get(e.source)!, target = rename.get(e.target)!;
    const id = freshId(withNodes, `e-${source}-${target}-`, taken);
    taken.add(id);
    return { ...e, id, source, target };
  });
  return { graph: { ...withNodes, edges: [...graph.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}
