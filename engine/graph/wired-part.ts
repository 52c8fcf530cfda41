// The part of a document that can run while the user is still building it (issue 10.12): a node with
// an input that is not connected yet, and everything fed by it, is left out of runs, Step mode and
// training, so one dangling node no longer makes the whole graph invalid. Any other problem (a shape
// that does not fit, a cycle) still stops the run: it needs fixing, not finishing.
import { topLevelId } from '../composite/expand.ts';
import { isModuleKind, moduleOf } from '../modules/registry.ts';
import { analyzeGraph } from './analyze.ts';
import type { GraphIssue } from './issues.ts';
import type { Graph, GraphEdge } from './types.ts';

export interface WiredPart {
  /** The document without its unwired nodes (the document itself when every node is wired). */
  readonly graph: Graph;
  /** Nodes left out: an input not connected, or fed (directly or not) by such a node. */
  readonly unwired: ReadonlySet<string>;
  /** Wired nodes with no path to a loss, when the wired part has a loss (they run, but learn nothing). */
  readonly offLoss: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const cache = new WeakMap<Graph, WiredPart>();

export function wiredPart(graph: Graph): WiredPart {
  const hit = cache.get(graph);
  if (hit) return hit;
  // An unconnected port inside a composite module leaves out its instance, the node on the canvas.
  const issues = analyzeGraph(graph).issues.map((i) => (i.nodeId === undefined ? i : { ...i, nodeId: topLevelId(graph, i.nodeId) }));
  const unwired = unwiredFrom(issues, graph.edges);
  const part: Graph = unwired.size === 0 ? graph : {
    ...graph,
    nodes: graph.nodes.filter((n) => !unwired.has(n.id)),
    edges: graph.edges.filter((e) => !unwired.has(e.source) && !unwired.has(e.target)),
  };
  const result: WiredPart = { graph: part, unwired, offLoss: offLoss(part) };
  cache.set(graph, result);
  return result;
}

/**
 * What runs of a document (the canvas, the math panels, training and the CLI alike): its wired part,
 * or, when anything besides unconnected inputs is wrong, those issues (they stop the run).
 */
export function runnablePart(graph: Graph): { readonly ok: true; readonly part: WiredPart } | { readonly ok: false; readonly issues: readonly GraphIssue[] } {
  const part = wiredPart(graph);
  if (part.unwired.size > 0) {
    const others = analyzeGraph(graph).issues.filter((i) => i.code !== 'unconnected-port');
    if (others.length > 0) return { ok: false, issues: others };
  }
  return { ok: true, part };
}

/** The nodes with an unconnected input, and every node they feed, directly or not. */
function unwiredFrom(issues: Iterable<GraphIssue>, edges: readonly GraphEdge[]): ReadonlySet<string> {
  const seeds: string[] = [];
  for (const i of issues) if (i.code === 'unconnected-port' && i.nodeId !== undefined) seeds.push(i.nodeId);
  if (seeds.length === 0) return NONE;
  const unwired = new Set<string>(seeds);
  const outs = new Map<string, string[]>();
  for (const e of edges) outs.set(e.source, [...(outs.get(e.source) ?? []), e.target]);
  const queue = [...seeds];
  while (queue.length > 0) {
    for (const next of outs.get(queue.pop()!) ?? []) {
      if (!unwired.has(next)) { unwired.add(next); queue.push(next); }
    }
  }
  return unwired;
}

export interface WiringMarks { readonly unwired: ReadonlySet<string>; readonly offLoss: ReadonlySet<string> }
const marksCache = new WeakMap<object, WeakMap<object, WiringMarks>>();

/**
 * What the canvas marks on nodes, from the document index's issues (reused while only positions
 * change, so a drag does not re-analyse): which nodes are not wired yet, which cannot reach a loss.
 */
export function wiringMarks(graph: Graph, issuesByNode: ReadonlyMap<string, readonly GraphIssue[]>): WiringMarks {
  let byEdges = marksCache.get(issuesByNode);
  if (!byEdges) marksCache.set(issuesByNode, byEdges = new WeakMap());
  const hit = byEdges.get(graph.edges);
  if (hit) return hit;
  const unwired = unwiredFrom([...issuesByNode.values()].flat(), graph.edges);
  const part = unwired.size === 0 ? graph : { ...graph, nodes: graph.nodes.filter((n) => !unwired.has(n.id)), edges: graph.edges.filter((e) => !unwired.has(e.source) && !unwired.has(e.target)) };
  const marks = { unwired, offLoss: offLoss(part) };
  byEdges.set(graph.edges, marks);
  return marks;
}

/** Nodes of `graph` with no path to a loss node; none when the graph has no loss at all. */
function offLoss(graph: Graph): ReadonlySet<string> {
  const isLoss = (kind: string): boolean => isModuleKind(kind) && moduleOf(kind).isLoss;
  const losses = graph.nodes.filter((n) => isLoss(n.kind)).map((n) => n.id);
  if (losses.length === 0) return NONE;
  const ins = new Map<string, string[]>();
  for (const e of graph.edges) ins.set(e.target, [...(ins.get(e.target) ?? []), e.source]);
  const reaching = new Set(losses);
  const queue = [...losses];
  while (queue.length > 0) {
    for (const prev of ins.get(queue.pop()!) ?? []) {
      if (!reaching.has(prev)) { reaching.add(prev); queue.push(prev); }
    }
  }
  const off = new Set(graph.nodes.filter((n) => !reaching.has(n.id)).map((n) => n.id));
  return off.size === 0 ? NONE : off;
}
