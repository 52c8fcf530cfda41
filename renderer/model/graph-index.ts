// Derived, cached views of one immutable Graph: lookups and the engine's analysis, computed once per
// document version so every node component can select from them cheaply.
import { analyzeGraph, formatShape, type Analysis, type Graph, type GraphIssue, type GraphNode } from '../../engine/index.ts';

export interface GraphIndex {
  readonly analysis: Analysis;
  readonly nodeById: ReadonlyMap<string, GraphNode>;
  /** Issue messages per node id (all of that node's problems). */
  readonly issuesByNode: ReadonlyMap<string, GraphIssue[]>;
  /** "[1, 3]" per node id, when the shape is known. */
  readonly shapeText: ReadonlyMap<string, string>;
}

const cache = new WeakMap<Graph, GraphIndex>();

export function indexGraph(graph: Graph): GraphIndex {
  const hit = cache.get(graph);
  if (hit) return hit;
  const analysis = analyzeGraph(graph);
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const issuesByNode = new Map<string, GraphIssue[]>();
  for (const issue of analysis.issues) {
    const ids = issue.code === 'cycle' && issue.nodes ? issue.nodes : issue.nodeId ? [issue.nodeId] : [];
    for (const id of ids) issuesByNode.set(id, [...(issuesByNode.get(id) ?? []), issue]);
  }
  const shapeText = new Map<string, string>();
  for (const [id, a] of analysis.nodes) if (a.shape) shapeText.set(id, formatShape(a.shape));
  const index = { analysis, nodeById, issuesByNode, shapeText };
  cache.set(graph, index);
  return index;
}
