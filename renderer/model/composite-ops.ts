// Group as module / Ungroup (issue 13.4): pure edits between a part of the canvas and a composite
// module's instance. Grouping moves the selected nodes into a new definition under `modules` (its
// ports: the edges that cross the selection's boundary) and puts one instance in their place, holding
// their parameters as "<innerId>.<param>"; ungrouping puts the inside back, rewiring the instance's
// edges through the port map. Both keep every number, so a run gives the same values (tested).
import {
  expandModules, instanceModule, isInstance, isModuleKind, MODULE_KIND, moduleOf, OUTPUT_PORT, own, PATH_SEPARATOR,
  type Graph, type GraphEdge, type GraphNode, type ModuleDefinition, type ModulePortRef, type TensorJson,
} from '../../engine/index.ts';
import { freshId } from './graph-ops.ts';

export type GroupResult = { readonly ok: true; readonly graph: Graph; readonly instanceId: string } | { readonly ok: false; readonly reason: string };
export type UngroupResult = { readonly ok: true; readonly graph: Graph; readonly nodeIds: string[] } | { readonly ok: false; readonly reason: string };

const isData = (n: GraphNode): boolean => isModuleKind(n.kind) && moduleOf(n.kind).family === 'data';

/** A name "module<n>" no definition has yet. */
function freshModuleName(graph: Graph): string {
  for (let n = 1; ; n++) if (!own(graph.modules, `module${n}`)) return `module${n}`;
}

/** Groups the selected nodes into a new module and one instance of it. */
export function groupAsModule(graph: Graph, selected: readonly string[], options: { readonly name?: string } = {}): GroupResult {
  const ids = new Set(selected.filter((id) => graph.nodes.some((n) => n.id === id)));
  if (ids.size === 0) return { ok: false, reason: 'select the nodes to group first' };
  const inside = graph.nodes.filter((n) => ids.has(n.id));
  const data = inside.find(isData);
  if (data) return { ok: false, reason: `"${data.id}" is an ${data.kind} node: data stays outside a module (group what it feeds)` };
  const slash = inside.find((n) => n.id.includes(PATH_SEPARATOR));
  if (slash) return { ok: false, reason: `"${slash.id}" has "${PATH_SEPARATOR}" in its id, which separates an instance from its inner nodes; rename it first` };
  const name = options.name ?? freshModuleName(graph);
  if (own(graph.modules, name)) return { ok: false, reason: `a module "${name}" exists already` };

  const incoming = graph.edges.filter((e) => !ids.has(e.source) && ids.has(e.target));
  const outgoing = graph.edges.filter((e) => ids.has(e.source) && !ids.has(e.target));
  const internal = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  // Inputs: one port per crossing edge, named after the inner port where that name is unique.
  const inputs: Record<string, ModulePortRef> = {};
  const inPort = new Map<string, string>();
  const portCount = new Map<string, number>();
  for (const e of incoming) portCount.set(e.targetPort, (portCount.get(e.targetPort) ?? 0) + 1);
  for (const e of incoming) {
    let port = portCount.get(e.targetPort) === 1 ? e.targetPort : `${e.target}_${e.targetPort}`;
    while (Object.hasOwn(inputs, port)) port = `${port}_`;
    inputs[port] = { node: e.target, port: e.targetPort };
    inPort.set(e.id, port);
  }
  // Outputs: one port per inner node read from outside ("out" when there is one); with none, the
  // selection's own ends (nodes nothing inside reads, losses excepted).
  const sources = [...new Set(outgoing.map((e) => `${e.source}\u0000${e.sourcePort}`))];
  const ends = sources.length > 0 ? sources
    : inside.filter((n) => !internal.some((e) => e.source === n.id) && !(isModuleKind(n.kind) && moduleOf(n.kind).isLoss)).map((n) => `${n.id}\u0000${OUTPUT_PORT}`);
  if (ends.length === 0) return { ok: false, reason: 'a module needs an output: the selection ends in a loss, whose value is final' };
  const outputs: Record<string, ModulePortRef> = {};
  const outPort = new Map<string, string>();
  for (const key of ends) {
    const [node, port] = key.split('\u0000') as [string, string];
    const portName = ends.length === 1 ? OUTPUT_PORT : port === OUTPUT_PORT ? node : `${node}_${port}`;
    outputs[portName] = { node, port };
    outPort.set(key, portName);
  }

  // The instance takes the inner nodes' parameters ("fc.W"; a grouped instance's own, "b/fc.W").
  const params: Record<string, TensorJson> = {};
  const x0 = Math.min(...inside.map((n) => n.position?.x ?? 0)), y0 = Math.min(...inside.map((n) => n.position?.y ?? 0));
  const nodes: GraphNode[] = inside.map((n) => {
    const { params: p, position, ...rest } = n;
    const sharedInner = isInstance(n) && own(graph.modules, instanceModule(n) ?? '')?.shared;
    for (const [k, t] of Object.entries(p ?? {})) {
      if (sharedInner) continue;
      params[isInstance(n) ? `${n.id}${PATH_SEPARATOR}${k}` : `${n.id}.${k}`] = t;
    }
    return { ...rest, position: { x: (position?.x ?? 0) - x0, y: (position?.y ?? 0) - y0 } };
  });
  const definition: ModuleDefinition = { inputs, outputs, shared: false, nodes, edges: internal };
  const instanceId = freshId(graph, 'm');
  // At the selection's top-left corner: the inner positions are kept relative to it, so ungrouping
  // puts every node back where it was (or as far as the instance has moved).
  const instance: GraphNode = {
    id: instanceId, kind: MODULE_KIND, position: { x: x0, y: y0 }, config: { module: name },
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
  // The instance takes the place of the first grouped node in document order.
  const first = graph.nodes.findIndex((n) => ids.has(n.id));
  const kept = graph.nodes.filter((n) => !ids.has(n.id));
  const at = graph.nodes.slice(0, first).filter((n) => !ids.has(n.id)).length;
  const edges = graph.edges.flatMap((e): GraphEdge[] => {
    if (ids.has(e.source) && ids.has(e.target)) return [];
    if (ids.has(e.target)) return [{ ...e, target: instanceId, targetPort: inPort.get(e.id)! }];
    if (ids.has(e.source)) return [{ ...e, source: instanceId, sourcePort: outPort.get(`${e.source}\u0000${e.sourcePort}`)! }];
    return [e];
  });
  return {
    ok: true, instanceId,
    graph: { ...graph, modules: { ...graph.modules, [name]: definition }, nodes: [...kept.slice(0, at), instance, ...kept.slice(at)], edges },
  };
}

/** Puts an instance's inside back on the canvas (its own copy of the parameters), rewiring its edges. */
export function ungroupModule(graph: Graph, instanceId: string): UngroupResult {
  const inst = graph.nodes.find((n) => n.id === instanceId);
  if (!inst || !isInstance(inst)) return { ok: false, reason: 'select one module instance to ungroup' };
  const name = instanceModule(inst) ?? '';
  const def = own(graph.modules, name);
  if (!def) return { ok: false, reason: `there is no module "${name}" to ungroup` };
  const taken = new Set(graph.nodes.filter((n) => n.id !== instanceId).map((n) => n.id));
  const takenEdges = new Set(graph.edges.map((e) => e.id));
  const rename = new Map<string, string>();
  for (const n of def.nodes) {
    let id = n.id;
    if (taken.has(id)) id = freshId({ ...graph, nodes: [...graph.nodes, ...[...rename.values()].map((v) => ({ id: v, kind: '' }))] }, `${n.id}_`);
    rename.set(n.id, id);
    taken.add(id);
  }
  const source = def.shared ? def.params ?? {} : inst.params ?? {};
  const at = inst.position ?? { x: 0, y: 0 };
  const nodes: GraphNode[] = def.nodes.map((n) => {
    const params: Record<string, TensorJson> = { ...(n.params ?? {}) };
    const nested = isInstance(n) && !own(graph.modules, instanceModule(n) ?? '')?.shared;
    for (const [k, t] of Object.entries(source)) {
      if (!isInstance(n) && k.startsWith(`${n.id}.`) && !k.slice(n.id.length + 1).includes('.')) params[k.slice(n.id.length + 1)] = t;
      if (nested && k.startsWith(`${n.id}${PATH_SEPARATOR}`)) params[k.slice(n.id.length + 1)] = t;
    }
    const { params: _p, ...rest } = n;
    return {
      ...rest, id: rename.get(n.id)!, position: { x: at.x + (n.position?.x ?? 0), y: at.y + (n.position?.y ?? 0) },
      ...(Object.keys(params).length > 0 ? { params } : {}),
    };
  });
  const inner: GraphEdge[] = def.edges.map((e) => {
    const id = takenEdges.has(e.id) ? freshId(graph, `${e.id}_`, takenEdges) : e.id;
    takenEdges.add(id);
    return { ...e, id, source: rename.get(e.source) ?? e.source, target: rename.get(e.target) ?? e.target };
  });
  const outer = graph.edges.flatMap((e): GraphEdge[] => {
    if (e.target === instanceId) {
      const ref = own(def.inputs, e.targetPort);
      return ref ? [{ ...e, target: rename.get(ref.node) ?? ref.node, targetPort: ref.port }] : [];
    }
    if (e.source === instanceId) {
      const ref = own(def.outputs, e.sourcePort);
      return ref ? [{ ...e, source: rename.get(ref.node) ?? ref.node, sourcePort: ref.port }] : [];
    }
    return [e];
  });
  const index = graph.nodes.indexOf(inst);
  const rest = graph.nodes.filter((n) => n !== inst);
  const remaining: Graph = { ...graph, nodes: [...rest.slice(0, index), ...nodes, ...rest.slice(index)], edges: [...outer, ...inner] };
  // A definition no instance uses any more goes with its last instance.
  const stillUsed = remaining.nodes.some((n) => isInstance(n) && instanceModule(n) === name)
    || Object.entries(graph.modules ?? {}).some(([other, d]) => other !== name && d.nodes.some((n) => isInstance(n) && instanceModule(n) === name));
  if (!stillUsed) {
    const { [name]: _gone, ...others } = graph.modules ?? {};
    const next: Graph = { ...remaining, modules: others };
    if (Object.keys(others).length === 0) delete next.modules;
    return { ok: true, graph: next, nodeIds: nodes.map((n) => n.id) };
  }
  return { ok: true, graph: remaining, nodeIds: nodes.map((n) => n.id) };
}

/** Changes a definition (every instance follows): e.g. `shared`, moving the first instance's parameters to the module. */
export function setModuleShared(graph: Graph, name: string, shared: boolean): Graph {
  const def = own(graph.modules, name);
  if (!def || def.shared === shared) return graph;
  const users = graph.nodes.filter((n) => isInstance(n) && instanceModule(n) === name);
  if (shared) {
    // One set for all: the first instance's parameters become the module's.
    const params = users[0]?.params ?? {};
    return {
      ...graph,
      modules: { ...graph.modules, [name]: { ...def, shared: true, params } },
      nodes: graph.nodes.map((n) => (users.includes(n) ? withoutParams(n) : n)),
    };
  }
  const { params, ...rest } = def;
  return {
    ...graph,
    modules: { ...graph.modules, [name]: { ...rest, shared: false } },
    nodes: graph.nodes.map((n) => (users.includes(n) && params ? { ...n, params: { ...params } } : n)),
  };
}

function withoutParams(n: GraphNode): GraphNode {
  const { params: _p, ...rest } = n;
  return rest;
}

/** The top-level node a flat id belongs to ("n1/fc" → "n1"), or the id itself. */
export function topLevelId(graph: Graph, flatId: string): string {
  if (graph.nodes.some((n) => n.id === flatId)) return flatId;
  const cut = flatId.indexOf(PATH_SEPARATOR);
  return cut > 0 ? flatId.slice(0, cut) : flatId;
}

/** An instance's ports as its definition gives them; null for a node that is not an instance. */
export function instanceHandles(graph: Graph, node: GraphNode): { inputs: string[]; outputs: string[] } | null {
  if (!isInstance(node)) return null;
  const def = own(graph.modules, instanceModule(node) ?? '');
  return { inputs: def ? Object.keys(def.inputs) : [], outputs: def ? Object.keys(def.outputs) : [] };
}

/** The flat nodes inside an instance, in the engine's order of the expansion. */
export function innerNodes(graph: Graph, instanceId: string): GraphNode[] {
  return expandModules(graph).graph.nodes.filter((n) => n.id.startsWith(`${instanceId}${PATH_SEPARATOR}`));
}
