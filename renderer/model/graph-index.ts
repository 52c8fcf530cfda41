// Derived, cached views of one immutable Graph: lookups and the engine's analysis, computed once per
// document version so every node component can select from them cheaply.
// A version made by an edit that cannot change any issue or shape (the document store's change says
// so: only positions or finite numbers changed) reuses the previous version's issues and shapes
// instead of re-analysing the whole graph on the UI thread; the full analysis is then computed only
// if someone asks for it.
import { analyzeGraph, formatShape, topLevelId, type Analysis, type Graph, type GraphIssue, type GraphNode } from '../../engine/index.ts';
import { changesAnalysis, type GraphChange } from './graph-change.ts';

export interface GraphIndex {
  readonly analysis: Analysis;
  readonly nodeById: ReadonlyMap<string, GraphNode>;
  /** Issue messages per node id (all of that node's problems). */
  readonly issuesByNode: ReadonlyMap<string, GraphIssue[]>;
  /** "[1, 3]" per node id, when the shape is known. */
  readonly shapeText: ReadonlyMap<string, string>;
}

/** A memo keyed by the immutable graph, not state: the same graph always has the same index. */
const cache = new WeakMap<Graph, GraphIndex>();

/** The index of `graph`; `change` (the edit that made it) lets it reuse the previous version's analysis. */
export function indexGraph(graph: Graph, change?: GraphChange): GraphIndex {
  const hit = cache.get(graph);
  if (hit) return hit;
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const previous = change && change.to === graph && !changesAnalysis(change) ? cache.get(change.from) : undefined;
  const index = previous
    ? lazyAnalysis(graph, nodeById, previous.issuesByNode, previous.shapeText)
    : fullIndex(graph, nodeById);
  cache.set(graph, index);
  return index;
}

function fullIndex(graph: Graph, nodeById: ReadonlyMap<string, GraphNode>): GraphIndex {
  const analysis = analyzeGraph(graph);
  const issuesByNode = new Map<string, GraphIssue[]>();
  // An issue inside a composite module ("n1/fc") is shown on its instance ("n1"), the node on the canvas.
  const onCanvas = (id: string): string => (nodeById.has(id) ? id : topLevelId(graph, id));
  for (const issue of analysis.issues) {
    const ids = issue.code === 'cycle' && issue.nodes ? issue.nodes : issue.nodeId ? [issue.nodeId] : [];
    for (const id of new Set(ids.map(onCanvas))) {
      const shown = id === issue.nodeId || issue.nodeId === undefined ? issue : { ...issue, nodeId: id, port: instancePort(analysis, id, issue) };
      issuesByNode.set(id, [...(issuesByNode.get(id) ?? []), shown]);
    }
  }
  const shapeText = new Map<string, string>();
  for (const [id, a] of analysis.nodes) if (a.shape) shapeText.set(id, formatShape(a.shape));
  // An instance's shape is that of its first output.
  for (const inst of analysis.composite.instances.values()) {
    const out = analysis.nodes.get(Object.values(inst.outputs)[0] ?? '')?.shape;
    if (out) shapeText.set(inst.id, formatShape(out));
  }
  return { analysis, nodeById, issuesByNode, shapeText };
}

/** The instance's own port where an inner node's port is one of its inputs (an unconnected "x", not "fc.in"). */
function instancePort(analysis: Analysis, instanceId: string, issue: GraphIssue): string | undefined {
  const inst = analysis.composite.instances.get(instanceId);
  if (!inst || issue.port === undefined) return undefined;
  return Object.entries(inst.inputs).find(([, t]) => t.node === issue.nodeId && t.port === issue.port)?.[0];
}

function lazyAnalysis(graph: Graph, nodeById: ReadonlyMap<string, GraphNode>, issuesByNode: ReadonlyMap<string, GraphIssue[]>, shapeText: ReadonlyMap<string, string>): GraphIndex {
  let analysis: Analysis | undefined;
  return { get analysis() { return (analysis ??= analyzeGraph(graph)); }, nodeById, issuesByNode, shapeText };
}
