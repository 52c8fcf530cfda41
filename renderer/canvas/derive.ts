// React Flow nodes/edges derived from the document. Node objects are reused while their graph node,
// selection and measured size are unchanged, so React Flow does not re-render untouched nodes.
import type { Edge, Node } from '@xyflow/react';
import { isModuleKind, moduleOf, type Graph, type GraphEdge, type GraphNode } from '../../engine/index.ts';

export type FlowNode = Node<{ kind: string }>;
export type FlowEdge = Edge;

type Size = { width: number; height: number };

export function familyOf(kind: string): string {
  return isModuleKind(kind) ? moduleOf(kind).family : 'layer';
}

export function createNodeDeriver() {
  const cache = new Map<string, { g: GraphNode; selected: boolean; size: Size | undefined; rf: FlowNode }>();
  return (graph: Graph, selected: readonly string[], measured: ReadonlyMap<string, Size>): FlowNode[] => {
    const sel = new Set(selected);
    const out = graph.nodes.map((g) => {
      const isSel = sel.has(g.id), size = measured.get(g.id);
      const hit = cache.get(g.id);
      if (hit && hit.g === g && hit.selected === isSel && hit.size === size) return hit.rf;
      const rf: FlowNode = {
        id: g.id, type: familyOf(g.kind), position: g.position ?? { x: 0, y: 0 }, data: { kind: g.kind }, selected: isSel,
        ...(size ? { measured: size } : {}),
      };
      cache.set(g.id, { g, selected: isSel, size, rf });
      return rf;
    });
    if (cache.size > graph.nodes.length * 2) for (const id of cache.keys()) if (!graph.nodes.some((n) => n.id === id)) cache.delete(id);
    return out;
  };
}

export function createEdgeDeriver() {
  const cache = new Map<string, { g: GraphEdge; selected: boolean; rf: FlowEdge }>();
  return (graph: Graph, selected: readonly string[]): FlowEdge[] => {
    const sel = new Set(selected);
    return graph.edges.map((g) => {
      const isSel = sel.has(g.id);
      const hit = cache.get(g.id);
      if (hit && hit.g === g && hit.selected === isSel) return hit.rf;
      const rf: FlowEdge = { id: g.id, type: 'gradient', source: g.source, sourceHandle: g.sourcePort, target: g.target, targetHandle: g.targetPort, selected: isSel };
      cache.set(g.id, { g, selected: isSel, rf });
      return rf;
    });
  };
}
