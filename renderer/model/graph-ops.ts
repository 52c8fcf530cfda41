// Pure edits of the document (an engine Graph). Every function returns a new Graph and never mutates
// its argument, so the history store can keep old versions by reference.
import {
  OUTPUT_PORT, analyzeGraph, defaultConfig, initialParams, moduleOf, isModuleKind, sizeOf, toJson,
  type Graph, type GraphEdge, type GraphNode, type ModuleKind, type TensorJson,
} from '../../engine/index.ts';
import { indexGraph } from './graph-index.ts';
import { displayName } from '../../interop/notation/symbols.ts';

/** A fresh id "<prefix><n>" not used by any node or edge. */
export function freshId(graph: Graph, prefix: string, taken: Set<string> = new Set()): string {
  const used = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id), ...taken]);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Nodes of the data family (input, target): they emit a value of [batch, size]. */
const isDataNode = (n: GraphNode): boolean => isModuleKind(n.kind) && moduleOf(n.kind).family === 'data';

/** The batch size shared by the graph's data nodes (1 when there are none). */
export function batchOf(graph: Graph): number {
  for (const n of graph.nodes) {
    if (isDataNode(n) && n.value && n.value.shape.length === 2) return n.value.shape[0]!;
  }
  return 1;
}

function parsedConfig(node: GraphNode): Record<string, unknown> | null {
  if (!isModuleKind(node.kind)) return null;
  try {
    return moduleOf(node.kind).parseConfig(node.config ?? {}) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The node's parameters drawn afresh, as the engine draws those a file leaves out; null for a broken node. */
function freshParams(node: GraphNode, seed: number): Record<string, TensorJson> | null {
  const config = parsedConfig(node);
  if (!config || !isModuleKind(node.kind)) return null;
  const drawn = initialParams(moduleOf(node.kind), config, seed, node.id);
  return Object.fromEntries(Object.entries(drawn).map(([name, t]) => [name, toJson(t)]));
}

/** Parameters and data value that fit a node's config, keeping whatever overlaps the old tensors. */
export function fitTensors(node: GraphNode, seed: number, batch: number): GraphNode {
  if (!isModuleKind(node.kind)) return node;
  const def = moduleOf(node.kind);
  const config = parsedConfig(node);
  if (!config) return node;
  const next: GraphNode = { ...node };
  const fresh = freshParams(node, seed)!;
  const names = Object.keys(fresh);
  if (names.length > 0) {
    next.params = Object.fromEntries(names.map((name) => [name, keepOverlap(node.params?.[name], fresh[name]!)]));
  } else if (node.params) {
    delete next.params;
  }
  // A bound node takes its data from the dataset: no fixed value to resize or invent.
  if (def.valueFeatures && node.binding === undefined) {
    const features = def.valueFeatures(config);
    const zeros: TensorJson = { shape: [batch, features], data: new Array<number>(batch * features).fill(0) };
    next.value = keepOverlap(node.value, zeros);
  }
  return next;
}

/**
 * Fills in the parameters a loaded file leaves out, exactly as the engine would initialise them (same
 * seed, node id and name), so the inspector can show and edit them. Stored tensors are never touched,
 * even when they are wrong: the user must see that error, not have it silently repaired.
 */
export function withMissingParams(graph: Graph): Graph {
  const steps = missingParamsInSlices(graph, graph.nodes.length);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Graphs withMissingParams made or found complete: a prepared document's load skips the pass. */
const complete = new WeakSet<Graph>();

/**
 * withMissingParams a slice of `slice` nodes per step (a task each for a large document, when the
 * caller waits between steps); returns what withMissingParams returns. Each node's parameters are its
 * own (seeded per node), so the slices add up to the whole.
 */
export function* missingParamsInSlices(graph: Graph, slice: number): Generator<void, Graph, void> {
  if (complete.has(graph)) return graph;
  let changed = false;
  const nodes: GraphNode[] = [];
  for (let at = 0; at < graph.nodes.length; at += Math.max(1, slice)) {
    if (at > 0) yield;
    for (const node of graph.nodes.slice(at, at + Math.max(1, slice))) {
      const filled = nodeWithMissingParams(node, graph.seed ?? 0);
      changed ||= filled !== node;
      nodes.push(filled);
    }
  }
  const result = changed ? { ...graph, nodes } : graph;
  complete.add(result);
  return result;
}

function nodeWithMissingParams(node: GraphNode, seed: number): GraphNode {
  const config = parsedConfig(node);
  if (!config || !isModuleKind(node.kind)) return node;
  const missing = Object.keys(moduleOf(node.kind).paramShapes(config)).filter((name) => !node.params?.[name]);
  if (missing.length === 0) return node;
  const fresh = freshParams(node, seed)!;
  return { ...node, params: { ...node.params, ...Object.fromEntries(missing.map((name) => [name, fresh[name]!])) } };
}

/** Copies the top-left block the old and new tensors share into the new one (1-D or 2-D). */
export function keepOverlap(old: TensorJson | undefined, fresh: TensorJson): TensorJson {
  if (!old || old.shape.length !== fresh.shape.length || old.data.length !== sizeOf(old.shape)) return fresh;
  const data = [...fresh.data];
  if (fresh.shape.length === 1) {
    for (let i = 0; i < Math.min(old.shape[0]!, fresh.shape[0]!); i++) data[i] = old.data[i]!;
  } else {
    const [or, oc] = old.shape as [number, number];
    const [nr, nc] = fresh.shape as [number, number];
    for (let r = 0; r < Math.min(or, nr); r++) for (let c = 0; c < Math.min(oc, nc); c++) data[r * nc + c] = old.data[r * oc + c]!;
  }
  return { shape: [...fresh.shape], data };
}

export function addNode(graph: Graph, kind: ModuleKind, position: { x: number; y: number }): { graph: Graph; id: string } {
  const id = freshId(graph, moduleOf(kind).idPrefix ?? kind);
  const config = kind === 'linear' ? { ...defaultConfig(kind), ...linearFromNeighbours(graph) } : defaultConfig(kind);
  const base: GraphNode = { id, kind, position: { x: Math.round(position.x), y: Math.round(position.y) }, config };
  const node = fitTensors(base, graph.seed ?? 0, batchOf(graph));
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** `sourcePort`: an instance of a composite module has one output per port of its definition (default "out"). */
export interface Connection { source: string; sourcePort?: string; target: string; targetPort: string }

export type ConnectionCheck =
  | { ok: true; graph: Graph; edgeId: string }
  | { ok: false; reason: string; loopNodes: string[]; loopEdges: string[] };

/** Adds an edge if it creates no cycle, no second edge into a port, and no new shape error. */
export function tryConnect(graph: Graph, c: Connection): ConnectionCheck {
  const refuse = (reason: string, loopNodes: string[] = [], loopEdges: string[] = []): ConnectionCheck => ({ ok: false, reason, loopNodes, loopEdges });
  const target = graph.nodes.find((n) => n.id === c.target);
  const source = graph.nodes.find((n) => n.id === c.source);
  if (!target || !source) return refuse('both ends must be nodes on the canvas');
  // Messages call nodes by the names people read (their display names).
  const nameOf = (id: string): string => { const n = graph.nodes.find((x) => x.id === id); return n ? displayName(n) : id; };
  if (c.source === c.target) return refuse(`a node cannot feed itself: "${nameOf(c.source)}" → "${nameOf(c.target)}" is a cycle`, [c.source]);
  const occupant = graph.edges.find((e) => e.target === c.target && e.targetPort === c.targetPort);
  if (occupant) return refuse(`input "${c.targetPort}" of "${nameOf(c.target)}" is already fed by "${nameOf(occupant.source)}"; delete that edge first`);
  const edgeId = freshId(graph, `e-${c.source}-${c.target}-`);
  const edge: GraphEdge = { id: edgeId, source: c.source, sourcePort: c.sourcePort ?? OUTPUT_PORT, target: c.target, targetPort: c.targetPort };
  // A linear layer's `in` (and those below it) follows what is now wired into it.
  const candidate: Graph = followWiring({ ...graph, edges: [...graph.edges, edge] });
  const before = new Set(indexGraph(graph).analysis.issues.map((i) => i.message));
  const fresh = indexGraph(candidate).analysis.issues.filter((i) => !before.has(i.message) && i.code !== 'unconnected-port');
  const cycle = fresh.find((i) => i.code === 'cycle');
  if (cycle) {
    const loop = cycle.nodes ?? [];
    const loopEdges = candidate.edges.filter((e) => loop.some((id, k) => e.source === id && e.target === loop[(k + 1) % loop.length])).map((e) => e.id);
    return refuse(`refused: this edge would close a cycle ${[...loop, loop[0]!].map(nameOf).join(' → ')}; a network must flow one way`, [...loop], loopEdges.filter((id) => id !== edgeId));
  }
  const blocking = fresh.find((i) => ['shape-mismatch', 'batch-mismatch', 'loss-output-wired', 'port-occupied', 'missing-port'].includes(i.code));
  if (blocking) return refuse(`refused: incompatible — ${blocking.message}`, blocking.nodeId ? [blocking.nodeId] : []);
  return { ok: true, graph: candidate, edgeId };
}

export function deleteElements(graph: Graph, nodeIds: readonly string[], edgeIds: readonly string[]): Graph {
  const nodes = new Set(nodeIds), edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

function replaceNode(graph: Graph, id: string, f: (n: GraphNode) => GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

/** Changes config fields and reshapes parameters/value to fit (keeping the overlap, initialising the rest). */
export function setConfig(graph: Graph, id: string, patch: Record<string, unknown>): Graph {
  return replaceNode(graph, id, (n) => fitTensors({ ...n, config: { ...n.config, ...patch } }, graph.seed ?? 0, batchOf(graph)));
}

/** Changes the shared batch size: every data node's value is reshaped to [batch, size]. */
export function setBatch(graph: Graph, batch: number): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (isDataNode(n) ? fitTensors(n, graph.seed ?? 0, batch) : n)),
  };
}

export function setTensorEntry(graph: Graph, id: string, which: { param: string } | 'value', index: number, x: number): Graph {
  return replaceNode(graph, id, (n) => {
    const t = which === 'value' ? n.value : n.params?.[which.param];
    if (!t || index < 0 || index >= t.data.length) return n;
    const data = [...t.data];
    data[index] = x;
    const nt = { ...t, data };
    return which === 'value' ? { ...n, value: nt } : { ...n, params: { ...n.params, [which.param]: nt } };
  });
}

/** Draws every parameter of a node afresh from the given seed with its init scheme. */
export function reinitParams(graph: Graph, id: string, seed: number): Graph {
  return replaceNode(graph, id, (n) => {
    const params = freshParams(n, seed);
    return params ? { ...n, params } : n;
  });
}

/**
 * Whether a node's parameters are what the engine would draw for it with the graph's seed: then
 * re-initialising loses nothing a person set by hand (or by training).
 */
export function paramsAreDrawn(graph: Graph, id: string): boolean {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return true;
  const fresh = freshParams(node, graph.seed ?? 0);
  if (!fresh) return true;
  return Object.entries(node.params ?? {}).every(([name, t]) => {
    const f = fresh[name];
    return !!f && f.data.length === t.data.length && f.data.every((v, i) => v === t.data[i]);
  });
}

/** Every parameter of the graph drawn afresh from the graph's own seed: as a new document starts. */
export function reinitAllParams(graph: Graph): Graph {
  return graph.nodes.reduce((g, n) => (n.params ? reinitParams(g, n.id, graph.seed ?? 0) : g), graph);
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, { x: number; y: number }>): Graph {
  if (positions.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

/** The longest display name the file format accepts. */
export const MAX_NAME = 80;

/**
 * Gives a node a display name (trimmed; at most MAX_NAME characters). An empty name, or the id
 * itself, removes it: the id is shown again. The id never changes, so edges and parameters keep it.
 */
export function renameNode(graph: Graph, id: string, name: string): Graph {
  const trimmed = name.trim().slice(0, MAX_NAME);
  return replaceNode(graph, id, (n) => {
    const next: GraphNode = { ...n };
    if (trimmed === '' || trimmed === n.id) delete next.name;
    else next.name = trimmed;
    return next;
  });
}

// A Linear's `in` follows what is wired into it (issue 10.11): after an edit that can change a size
// (connecting, a config change upstream, binding an input to a dataset), every linear layer whose
// input carries F features takes in = F, its weight reshaped keeping the overlapping block (as the
// inspector's own edit does). Sizes then flow down the graph: a changed layer is re-read by the next.
// The other unambiguous neighbour is the loss: the layer that makes the prediction (through
// activations) takes the width of the target it is compared with as its `out`.
/**
 * What a newly dropped Linear takes from the graph it joins, where that is unambiguous (issue 10.11):
 * `bias` as every other linear layer has it (the lecture's layers have none), and `in` as the width of
 * the one output that feeds nothing yet (the end of the chain it will most likely extend; targets
 * and losses are no such end). With no
 * other layers, layers that disagree, or several open ends, the module's defaults hold.
 */
export function linearFromNeighbours(graph: Graph): { bias?: boolean; in?: number } {
  const out: { bias?: boolean; in?: number } = {};
  const biases = new Set(graph.nodes.filter((n) => n.kind === 'linear').map((n) => (parsedConfig(n) as { bias?: boolean } | null)?.bias));
  const [bias] = biases;
  if (biases.size === 1 && typeof bias === 'boolean') out.bias = bias;
  const feeding = new Set(graph.edges.map((e) => e.source));
  const open = graph.nodes.filter((n) => !feeding.has(n.id) && n.kind !== 'target' && isModuleKind(n.kind) && !moduleOf(n.kind).isLoss);
  if (open.length === 1) {
    const width = analyzeGraph(graph).nodes.get(open[0]!.id)?.shape?.[1];
    if (width !== undefined) out.in = width;
  }
  return out;
}

/** The graph with every linear layer's `in` equal to the features arriving on its input (the graph itself when they all are). */
export function followWiring(graph: Graph, options: { readonly except?: string } = {}): Graph {
  let g = graph;
  // Each pass fixes the layers whose input shape is known; the ones below them are known on the next.
  for (let pass = 0; pass <= graph.nodes.length; pass++) {
    const analysis = analyzeGraph(g);
    let next = g;
    for (const e of g.edges) {
      if (e.targetPort !== 'in') continue;
      const target = analysis.nodes.get(e.target);
      // The node whose own `in` the user just typed keeps it (a mismatch is then shown, not undone).
      if (!target || target.kind !== 'linear' || e.target === options.except) continue;
      const features = analysis.nodes.get(e.source)?.shape?.[1];
      if (features === undefined) continue;
      let config: { in: number };
      try { config = moduleOf('linear').parseConfig(target.node.config ?? {}) as { in: number }; } catch { continue; }
      if (config.in !== features) next = setConfig(next, e.target, { in: features });
    }
    // A loss compares its prediction with its target column by column: the last linear layer before
    // the prediction (through activations, which keep the width) takes the target's width as its out.
    for (const a of analysis.nodes.values()) {
      if (!a.def.isLoss) continue;
      const [predEdge, targetEdge] = a.inputEdges;
      const width = targetEdge ? analysis.nodes.get(targetEdge.source)?.shape?.[1] : undefined;
      if (!predEdge || width === undefined) continue;
      let at = analysis.nodes.get(predEdge.source);
      while (at && at.def.family === 'activation' && at.inputEdges.length === 1 && at.inputEdges[0]) at = analysis.nodes.get(at.inputEdges[0].source);
      if (!at || at.kind !== 'linear' || at.node.id === options.except) continue;
      let config: { out: number };
      try { config = moduleOf('linear').parseConfig(at.node.config ?? {}) as { out: number }; } catch { continue; }
      if (config.out !== width) next = setConfig(next, at.node.id, { out: width });
    }
    if (next === g) return g;
    g = next;
  }
  return g;
}
