// React Flow nodes/edges derived from the document. A node object is reused while what React Flow
// sees of it (kind, position, selection, measured size) is unchanged, as the document's change since
// the version derived last says, and the whole array is reused when no element changed: a parameter
// edit then does not hand React Flow 200 nodes to re-adopt.
import type { Edge, Node } from '@xyflow/react';
import { instancePorts, isInstance, isModuleKind, MODULE_KIND, moduleOf, nodeInputPorts, OUTPUT_PORT, type Graph, type GraphEdge, type GraphNode } from '../../engine/index.ts';
import { diffGraphs } from '../model/graph-change.ts';
import { estimatedHandles } from './estimated-handles.ts';

export type FlowNode = Node<{ kind: string }>;
export type FlowEdge = Edge;

type Size = { width: number; height: number };

/**
 * Graphs with more nodes (or edges) than this render only what is near the visible pane: React Flow
 * culls off-screen nodes and edges, and edge labels off screen are skipped, so a run re-renders the
 * dozens of elements on screen rather than hundreds. Smaller graphs keep every element in the DOM.
 */
export const CULL_ABOVE = 64;

export function familyOf(kind: string): string {
  if (kind === MODULE_KIND) return 'composite';
  return isModuleKind(kind) ? moduleOf(kind).family : 'layer';
}

export function createNodeDeriver() {
  const cache = new Map<string, { g: GraphNode; at: Graph; selected: boolean; size: Size | undefined; rf: FlowNode }>();
  let last: FlowNode[] = [];
  let lastGraph: Graph | null = null;
  /** `only`: the ids of the nodes to give React Flow (a large graph's window, node-window.ts); all when absent. */
  return (graph: Graph, selected: readonly string[], measured: ReadonlyMap<string, Size>, only?: ReadonlySet<string>): FlowNode[] => {
    const sel = new Set(selected);
    // The change since the version derived last says which of that version's nodes moved.
    const previous = lastGraph;
    const moved = previous ? diffGraphs(previous, graph).moved : null;
    lastGraph = graph;
    const out = (only ? graph.nodes.filter((g) => only.has(g.id)) : graph.nodes).map((g) => {
      const isSel = sel.has(g.id), size = measured.get(g.id);
      const hit = cache.get(g.id);
      if (hit && hit.selected === isSel && hit.size === size && (hit.g === g || (hit.at === previous && moved && !moved.has(g.id) && hit.g.kind === g.kind))) {
        hit.g = g;
        hit.at = graph;
        return hit.rf;
      }
      const rf: FlowNode = {
        id: g.id, type: familyOf(g.kind), position: g.position ?? { x: 0, y: 0 }, data: { kind: g.kind }, selected: isSel,
        ...(size ? { measured: size } : estimateOf(graph, g)),
      };
      cache.set(g.id, { g, at: graph, selected: isSel, size, rf });
      return rf;
    });
    if (cache.size > graph.nodes.length * 2) {
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);
    }
    last = sameItems(last, out) ? last : out;
    return last;
  };
}

/** Handle bounds and size until React Flow measures the node (estimated-handles.ts says why). */
function estimateOf(graph: Graph, g: GraphNode): Pick<FlowNode, 'handles' | 'initialWidth' | 'initialHeight'> {
  if (isInstance(g)) { const p = instancePorts(graph, g); return estimatedHandles(p.inputs, p.outputs); }
  return estimatedHandles(isModuleKind(g.kind) ? nodeInputPorts(g) : [], [OUTPUT_PORT]);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function createEdgeDeriver() {
  const cache = new Map<string, { g: GraphEdge; selected: boolean; rf: FlowEdge }>();
  let last: FlowEdge[] = [];
  /** `only`: as the node deriver's; an edge is given when both its ends are. */
  return (graph: Graph, selected: readonly string[], only?: ReadonlySet<string>): FlowEdge[] => {
    const sel = new Set(selected);
    const out = (only ? graph.edges.filter((g) => only.has(g.source) && only.has(g.target)) : graph.edges).map((g) => {
      const isSel = sel.has(g.id);
      const hit = cache.get(g.id);
      if (hit && hit.g === g && hit.selected === isSel) return hit.rf;
      const rf: FlowEdge = { id: g.id, type: 'gradient', source: g.source, sourceHandle: g.sourcePort, target: g.target, targetHandle: g.targetPort, selected: isSel };
      cache.set(g.id, { g, selected: isSel, rf });
      return rf;
    });
    last = sameItems(last, out) ? last : out;
    return last;
  };
}
