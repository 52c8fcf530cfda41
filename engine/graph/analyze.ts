// Validation before any run: every problem is collected (not just the first) so the canvas can mark
// all broken nodes at once. Shapes are inferred in topological order.
import { expandModules, type Expansion } from '../composite/expand.ts';
import { isModuleKind, moduleOf, type ModuleKind } from '../modules/registry.ts';
import { inputPorts, type ModuleDef } from '../modules/types.ts';
import { formatShape, sameShape, sizeOf, type Shape, type TensorJson } from '../tensor.ts';
import { own } from '../own.ts';
import { printable, quote } from '../text/quote.ts';
import { type GraphIssue, where } from './issues.ts';
import { topologicalOrder } from './topo.ts';
import { OUTPUT_PORT, type Graph, type GraphEdge, type GraphNode } from './types.ts';

export interface AnalyzedNode {
  readonly node: GraphNode;
  readonly index: number;
  readonly kind: ModuleKind;
  readonly def: ModuleDef<unknown>;
  readonly config: unknown;
  /** The node's input ports: `def.inputs`, or what its config makes them (`inputsOf`: a formula's names). */
  readonly ports: readonly string[];
  /** The edge feeding each input port, in the order of `ports`. */
  readonly inputEdges: (GraphEdge | undefined)[];
  readonly outputEdges: GraphEdge[];
  shape?: Shape;
}

export interface Analysis {
  readonly issues: GraphIssue[];
  readonly nodes: Map<string, AnalyzedNode>;
  /** Node ids in a deterministic topological order (document order breaks ties); empty on a cycle. */
  readonly order: string[];
  /** The batch size shared by all data nodes (1 when there are none). */
  readonly batch: number;
  /** The composite modules' expansion: `nodes` and `order` hold the flat ids ("n1/fc") it makes. */
  readonly composite: Expansion;
}

export interface AnalyzeOptions {
  /** Data nodes emit [batch, features] and their stored values are neither read nor checked: the caller feeds them. */
  readonly batch?: number;
}

export function analyzeGraph(document: Graph, options: AnalyzeOptions = {}): Analysis {
  // Instances of composite modules are analysed as the flat graph of their inner nodes.
  const composite = expandModules(document);
  const graph = composite.graph;
  const issues: GraphIssue[] = [...composite.issues];
  const nodes = new Map<string, AnalyzedNode>();

  graph.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) {
      issues.push({ code: 'duplicate-id', nodeId: node.id, message: `two nodes have the id ${quote(node.id)}` });
      return;
    }
    if (!isModuleKind(node.kind)) {
      issues.push({ code: 'unknown-kind', nodeId: node.id, message: `${where(node.id)}: unknown kind ${quote(node.kind)}` });
      return;
    }
    const def = moduleOf(node.kind);
    let config: unknown;
    try {
      config = def.parseConfig(node.config ?? {});
    } catch (e) {
      issues.push({ code: 'bad-config', nodeId: node.id, message: `${where(node.id, node.kind)}: ${(e as Error).message}` });
      return;
    }
    const ports = inputPorts(def, node.config);
    nodes.set(node.id, { node, index, kind: node.kind, def, config, ports, inputEdges: ports.map(() => undefined), outputEdges: [] });
  });

  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) issues.push({ code: 'duplicate-id', edgeId: edge.id, message: `two edges have the id ${quote(edge.id)}` });
    edgeIds.add(edge.id);
    wireEdge(edge, graph, nodes, issues);
  }

  for (const a of nodes.values()) {
    a.ports.forEach((port, i) => {
      if (!a.inputEdges[i]) {
        issues.push({ code: 'unconnected-port', nodeId: a.node.id, port, message: `${where(a.node.id, a.kind, port)}: input is not connected` });
      }
    });
  }

  // nodes.keys() holds each id once (a duplicate is reported above, not sorted twice).
  const sorted = topologicalOrder([...nodes.keys()], [...nodes.values()].flatMap((a) => a.outputEdges));
  if ('cycle' in sorted) {
    const loop = sorted.cycle;
    issues.push({ code: 'cycle', nodeId: loop[0], nodes: loop, message: `cycle: ${[...loop, loop[0]!].map((id) => quote(id)).join(' → ')}` });
    return { issues, nodes, order: [], batch: 1, composite };
  }

  const fed = options.batch !== undefined;
  const batch = fed ? options.batch! : checkData(nodes, issues);
  checkParams(nodes, issues);
  inferShapes(sorted.order, nodes, batch, fed, issues);
  return { issues, nodes, order: sorted.order, batch, composite };
}

function wireEdge(edge: GraphEdge, graph: Graph, nodes: Map<string, AnalyzedNode>, issues: GraphIssue[]): void {
  const label = (): string => `edge ${quote(edge.id)}`; // worded only for an issue, as in checkParams
  const source = nodes.get(edge.source), target = nodes.get(edge.target);
  for (const [end, id] of [['source', edge.source], ['target', edge.target]] as const) {
    if (!(end === 'source' ? source : target) && !graph.nodes.some((n) => n.id === id)) {
      issues.push({ code: 'missing-node', edgeId: edge.id, nodeId: id, message: `${label()}: its ${end} node ${quote(id)} does not exist` });
    }
  }
  if (!source || !target) return;
  if (edge.sourcePort !== OUTPUT_PORT) {
    issues.push({ code: 'missing-port', edgeId: edge.id, nodeId: edge.source, port: edge.sourcePort, message: `${label()}: ${where(edge.source, source.kind)} has no output port ${quote(edge.sourcePort)} (only "${OUTPUT_PORT}")` });
    return;
  }
  const portIndex = target.ports.indexOf(edge.targetPort);
  if (portIndex < 0) {
    const ports = target.ports.length ? target.ports.map((p) => `"${p}"`).join(', ') : 'none';
    issues.push({ code: 'missing-port', edgeId: edge.id, nodeId: edge.target, port: edge.targetPort, message: `${label()}: ${where(edge.target, target.kind)} has no input port ${quote(edge.targetPort)} (its inputs: ${ports})` });
    return;
  }
  if (source.def.isLoss) {
    issues.push({ code: 'loss-output-wired', edgeId: edge.id, nodeId: edge.source, port: OUTPUT_PORT, message: `${label()}: ${where(edge.source, source.kind)} is a loss; its output is final (the total loss sums every loss node), so it cannot feed ${quote(edge.target)}` });
    return;
  }
  const occupant = target.inputEdges[portIndex];
  if (occupant) {
    issues.push({ code: 'port-occupied', edgeId: edge.id, nodeId: edge.target, port: edge.targetPort, message: `${where(edge.target, target.kind, edge.targetPort)}: already fed by edge ${quote(occupant.id)} from ${quote(occupant.source)}; edge ${quote(edge.id)} from ${quote(edge.source)} is a second one` });
    return;
  }
  target.inputEdges[portIndex] = edge;
  source.outputEdges.push(edge);
}

/** Data values must fit [batch, size], hold finite numbers, and share one batch size. */
function checkData(nodes: Map<string, AnalyzedNode>, issues: GraphIssue[]): number {
  let batch: { size: number; nodeId: string } | undefined;
  for (const a of nodes.values()) {
    const features = a.def.valueFeatures?.(a.config);
    if (features === undefined || !a.node.value) continue;
    const v = a.node.value;
    const ok = checkTensor(v, () => `${where(a.node.id, a.kind)}: value`, a.node.id, 'value-shape', issues);
    if (!ok) continue;
    if (v.shape.length !== 2 || v.shape[1] !== features) {
      issues.push({ code: 'value-shape', nodeId: a.node.id, port: OUTPUT_PORT, shapes: [v.shape], message: `${where(a.node.id, a.kind)}: value has shape ${formatShape(v.shape)} but size is ${features}, so it must be [batch, ${features}]` });
      continue;
    }
    if (!batch) batch = { size: v.shape[0]!, nodeId: a.node.id };
    else if (v.shape[0] !== batch.size) {
      issues.push({ code: 'batch-mismatch', nodeId: a.node.id, port: OUTPUT_PORT, shapes: [v.shape], message: `${where(a.node.id, a.kind)}: batch size ${v.shape[0]} differs from ${quote(batch.nodeId)}'s ${batch.size}` });
    }
  }
  return batch?.size ?? 1;
}

function checkParams(nodes: Map<string, AnalyzedNode>, issues: GraphIssue[]): void {
  for (const a of nodes.values()) {
    const expected = a.def.paramShapes(a.config);
    for (const [name, t] of Object.entries(a.node.params ?? {})) {
      const shape = own(expected, name);
      // Worded only for an issue: quoting every parameter's place was a third of a 10,000-node check.
      const what = (): string => `${where(a.node.id, a.kind)}: parameter ${printable(name)}`;
      if (!shape) {
        const known = Object.keys(expected).join(', ') || 'none';
        issues.push({ code: 'unknown-param', nodeId: a.node.id, message: `${what()} is not one of its parameters (${known})` });
        continue;
      }
      if (!checkTensor(t, what, a.node.id, 'param-shape', issues)) continue;
      if (!sameShape(t.shape, shape)) {
        issues.push({ code: 'param-shape', nodeId: a.node.id, shapes: [t.shape, shape], message: `${what()} has shape ${formatShape(t.shape)}, expected ${formatShape(shape)} from its config` });
      }
    }
  }
}

/** Length matches shape, every entry a finite number. */
function checkTensor(t: TensorJson, what: () => string, nodeId: string, code: 'param-shape' | 'value-shape', issues: GraphIssue[]): boolean {
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d > 0)) {
    issues.push({ code, nodeId, message: `${what()}: shape ${JSON.stringify(t.shape)} must list positive integers` });
    return false;
  }
  if (!Array.isArray(t.data) || t.data.length !== sizeOf(t.shape)) {
    const n = Array.isArray(t.data) ? t.data.length : 0;
    issues.push({ code, nodeId, shapes: [t.shape], message: `${what()}: shape ${formatShape(t.shape)} needs ${sizeOf(t.shape)} numbers, data has ${n}` });
    return false;
  }
  // A plain loop: a callback per entry was half of this check on a 10,000-node graph.
  let bad = -1;
  for (let i = 0; i < t.data.length; i++) {
    const x = t.data[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) { bad = i; break; }
  }
  if (bad >= 0) {
    issues.push({ code: 'non-finite', nodeId, message: `${what()}: entry ${bad} is ${describeEntry(t.data[bad])}, not a finite number` });
    return false;
  }
  return true;
}

// JSON.stringify(NaN) is "null": name non-finite numbers as themselves.
function describeEntry(x: unknown): string {
  return typeof x === 'number' ? String(x) : (JSON.stringify(x) ?? String(x));
}

function inferShapes(order: string[], nodes: Map<string, AnalyzedNode>, batch: number, fed: boolean, issues: GraphIssue[]): void {
  for (const id of order) {
    const a = nodes.get(id)!;
    const features = a.def.valueFeatures?.(a.config);
    if (features !== undefined) {
      const v = fed ? undefined : a.node.value;
      a.shape = v && v.shape.length === 2 && v.shape[1] === features ? v.shape : [batch, features];
      continue;
    }
    const inputShapes = a.inputEdges.map((edge) => (edge ? nodes.get(edge.source)?.shape : undefined));
    // A node downstream of a broken one has no shape; it is not blamed, its ancestor is. The walk
    // goes on: an independent branch may hold its own mismatch.
    if (!inputShapes.every((s): s is Shape => s !== undefined)) continue;
    const r = a.def.inferShape(a.config, inputShapes);
    if ('shape' in r) a.shape = r.shape;
    else issues.push({ code: r.code, nodeId: id, port: r.port, shapes: inputShapes, message: `${where(id, a.kind, r.port)}: ${r.message}` });
  }
}
