// Derived, cached views of one immutable Graph: lookups and the engine's analysis, computed once per
// document version so every node component can select from them cheaply.
// An edit that only changes numbers inside parameters or data (same shapes, all finite before and
// after) cannot change any issue or shape, so it reuses the previous version's issues and shapes
// instead of re-analysing the whole graph on the UI thread; the full analysis is then computed only
// if someone asks for it.
import { analyzeGraph, formatShape, type Analysis, type Graph, type GraphIssue, type GraphNode, type TensorJson } from '../../engine/index.ts';

export interface GraphIndex {
  readonly analysis: Analysis;
  readonly nodeById: ReadonlyMap<string, GraphNode>;
  /** Issue messages per node id (all of that node's problems). */
  readonly issuesByNode: ReadonlyMap<string, GraphIssue[]>;
  /** "[1, 3]" per node id, when the shape is known. */
  readonly shapeText: ReadonlyMap<string, string>;
}

const cache = new WeakMap<Graph, GraphIndex>();
let latest: { graph: Graph; index: GraphIndex } | null = null;

export function indexGraph(graph: Graph): GraphIndex {
  const hit = cache.get(graph);
  if (hit) return hit;
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const index = latest && onlyNumbersChanged(latest.graph, graph)
    ? lazyAnalysis(graph, nodeById, latest.index.issuesByNode, latest.index.shapeText)
    : fullIndex(graph, nodeById);
  cache.set(graph, index);
  latest = { graph, index };
  return index;
}

function fullIndex(graph: Graph, nodeById: ReadonlyMap<string, GraphNode>): GraphIndex {
  const analysis = analyzeGraph(graph);
  const issuesByNode = new Map<string, GraphIssue[]>();
  for (const issue of analysis.issues) {
    const ids = issue.code === 'cycle' && issue.nodes ? issue.nodes : issue.nodeId ? [issue.nodeId] : [];
    for (const id of ids) issuesByNode.set(id, [...(issuesByNode.get(id) ?? []), issue]);
  }
  const shapeText = new Map<string, string>();
  for (const [id, a] of analysis.nodes) if (a.shape) shapeText.set(id, formatShape(a.shape));
  return { analysis, nodeById, issuesByNode, shapeText };
}

function lazyAnalysis(graph: Graph, nodeById: ReadonlyMap<string, GraphNode>, issuesByNode: ReadonlyMap<string, GraphIssue[]>, shapeText: ReadonlyMap<string, string>): GraphIndex {
  let analysis: Analysis | undefined;
  return { get analysis() { return (analysis ??= analyzeGraph(graph)); }, nodeById, issuesByNode, shapeText };
}

/** b is a with only finite tensor entries replaced by other finite entries (positions may differ too). */
export function onlyNumbersChanged(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!, y = b.nodes[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.kind !== y.kind || x.config !== y.config || !sameTensorLayout(x.value, y.value)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (k !== 'params' && k !== 'value' && k !== 'position' && x[k] !== y[k]) return false;
    if (x.params !== y.params) {
      if (!x.params || !y.params) return false;
      const names = Object.keys(x.params);
      if (names.length !== Object.keys(y.params).length) return false;
      for (const name of names) if (!sameTensorLayout(x.params[name], y.params[name])) return false;
    }
  }
  return true;
}

function sameTensorLayout(p: TensorJson | undefined, q: TensorJson | undefined): boolean {
  if (p === q) return true;
  if (!p || !q || !Array.isArray(p.shape) || !Array.isArray(q.shape) || !Array.isArray(p.data) || !Array.isArray(q.data)) return false;
  if (p.shape.length !== q.shape.length || !p.shape.every((d, i) => d === q.shape[i]) || p.data.length !== q.data.length) return false;
  return allFinite(p.data) && allFinite(q.data);
}

function allFinite(data: readonly unknown[]): boolean {
  for (const x of data) if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  return true;
}
