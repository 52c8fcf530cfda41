// Composite modules (issue 13.4–6). A graph whose nodes include instances (kind `module`, config
// `{ module: name }`) is expanded here into the flat graph that the analysis and the program run:
// every inner node becomes "<instanceId>/<innerId>" (nested: "a/b/c"), every inner edge
// "<instanceId>/<edgeId>", and edges to and from an instance are rewired through its definition's
// port map. The document keeps the unexpanded form (what is saved and undone); this is a view of it.
// Parameters: an instance's own under "<innerId>.<param>" in its `params` (nested "<b>/<fc>.<param>"),
// or, for a `shared` definition, one set under `modules.<name>.params` that every use aliases.
import { type GraphIssue, where } from '../graph/issues.ts';
import { MODULE_KIND, type Graph, type GraphEdge, type GraphNode, type ModuleDefinition } from '../graph/types.ts';
import { emptyRecord, own } from '../own.ts';
import type { TensorJson } from '../tensor.ts';
import { quote } from '../text/quote.ts';

/** Separates an instance's id from its inner node's in flat ids; inner ids may not contain it. */
export const PATH_SEPARATOR = '/';

export interface PortTarget { readonly node: string; readonly port: string }

/** One instance of a composite module, by its flat id ("n1", or "n1/b" inside another). */
export interface InstanceInfo {
  readonly id: string;
  readonly module: string;
  /** Each input port: the flat node and port it feeds. */
  readonly inputs: Readonly<Record<string, PortTarget>>;
  /** Each output port: the flat node whose output it is. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Where the document keeps a flat node's parameters: `<prefix><param>` in an instance's or a shared module's `params`. */
export interface ParamHome {
  readonly owner: { readonly instance: string } | { readonly module: string };
  readonly prefix: string;
}

export interface Expansion {
  /** The flat graph: the same object when there are no instances. */
  readonly graph: Graph;
  readonly issues: readonly GraphIssue[];
  readonly instances: ReadonlyMap<string, InstanceInfo>;
  /** Flat node → the flat node whose parameters it uses (later uses of a shared module alias the first). */
  readonly paramAliases: ReadonlyMap<string, string>;
  /** Flat nodes inside instances → where their parameters live in the document. */
  readonly paramHomes: ReadonlyMap<string, ParamHome>;
}

const cache = new WeakMap<Graph, Expansion>();

export const isInstance = (node: { readonly kind: string }): boolean => node.kind === MODULE_KIND;

/** The flat graph of a document (memoised per graph object: documents are immutable). */
export function expandModules(graph: Graph): Expansion {
  let e = cache.get(graph);
  if (!e) {
    e = graph.nodes.some(isInstance) ? expand(graph) : { graph, issues: [], instances: new Map(), paramAliases: new Map(), paramHomes: new Map() };
    cache.set(graph, e);
  }
  return e;
}

/** The module an instance node names, or undefined. */
export function instanceModule(node: { readonly config?: Record<string, unknown> | undefined }): string | undefined {
  const m = node.config?.module;
  return typeof m === 'string' && m !== '' ? m : undefined;
}

/** An instance's port names as its definition states them (empty for an unknown module). */
export function instancePorts(graph: Pick<Graph, 'modules'>, node: GraphNode): { inputs: string[]; outputs: string[] } {
  const def = own(graph.modules, instanceModule(node) ?? '');
  return { inputs: def ? Object.keys(def.inputs) : [], outputs: def ? Object.keys(def.outputs) : [] };
}

/** One loop among definitions (module names, the first repeated at the end), or null. */
export function findModuleCycle(modules: Readonly<Record<string, Pick<ModuleDefinition, 'nodes'>>> | undefined): string[] | null {
  if (!modules) return null;
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]): string[] | null => {
    const s = state.get(name);
    if (s === 'done') return null;
    if (s === 'open') return [...path.slice(path.indexOf(name)), name];
    const def = own(modules, name);
    if (!def) return null;
    state.set(name, 'open');
    for (const n of def.nodes) {
      const used = isInstance(n) ? instanceModule(n) : undefined;
      const loop = used === undefined ? null : visit(used, [...path, name]);
      if (loop) return loop;
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(modules)) {
    const loop = visit(name, []);
    if (loop) return loop;
  }
  return null;
}

interface Ctx {
  readonly owner: ParamHome['owner'];
  readonly ownerNode: string;
  readonly params: Readonly<Record<string, TensorJson>> | undefined;
  readonly rel: string;
}

type Local = InstanceInfo | 'leaf' | null;

function expand(graph: Graph): Expansion {
  const defs = graph.modules ?? emptyRecord<ModuleDefinition>();
  const issues: GraphIssue[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const instances = new Map<string, InstanceInfo>();
  const paramAliases = new Map<string, string>();
  const paramHomes = new Map<string, ParamHome>();
  const firstUse = new Map<string, string>();
  /** Per parameter record of the document: its owner's node, the keys some inner node read. */
  const owners = new Map<Readonly<Record<string, TensorJson>>, { nodeId: string; what: string; used: Set<string>; prefixes: Set<string> }>();
  const join = (prefix: string, id: string): string => (prefix ? `${prefix}${PATH_SEPARATOR}${id}` : id);

  const leaf = (node: GraphNode, id: string, ctx: Ctx | null): GraphNode => {
    if (!ctx) return node;
    const prefix = `${ctx.rel}${node.id}.`;
    paramHomes.set(id, { owner: ctx.owner, prefix });
    if ('module' in ctx.owner) {
      const key = `${ctx.owner.module}\u0000${prefix}`;
      const first = firstUse.get(key);
      if (first) paramAliases.set(id, first);
      else firstUse.set(key, id);
    }
    const params = { ...(node.params ?? {}) };
    if (ctx.params) {
      const o = owners.get(ctx.params)!;
      o.prefixes.add(prefix);
      for (const [k, t] of Object.entries(ctx.params)) {
        const name = k.startsWith(prefix) ? k.slice(prefix.length) : '';
        if (name === '' || name.includes('.')) continue;
        params[name] = t;
        o.used.add(k);
      }
    }
    const { params: _p, ...rest } = node;
    return Object.keys(params).length > 0 ? { ...rest, id, params } : { ...rest, id };
  };

  const own2 = (ctxParams: Readonly<Record<string, TensorJson>> | undefined, nodeId: string, what: string): void => {
    if (ctxParams && !owners.has(ctxParams)) owners.set(ctxParams, { nodeId, what, used: new Set(), prefixes: new Set() });
  };

  /** The nodes of one level (the graph, or a definition under `prefix`), with their edges; instances expanded. */
  const level = (list: readonly GraphNode[], levelEdges: readonly GraphEdge[], prefix: string, stack: readonly string[], ctx: Ctx | null): Map<string, Local> => {
    const local = new Map<string, Local>();
    for (const node of list) {
      const id = join(prefix, node.id);
      if (prefix && node.id.includes(PATH_SEPARATOR)) {
        issues.push({ code: 'bad-id', nodeId: prefix, message: `module ${quote(stack.at(-1) ?? '')}: inner node id ${quote(node.id)} contains "${PATH_SEPARATOR}", which separates an instance from its inner nodes` });
        local.set(node.id, null);
        continue;
      }
      if (isInstance(node)) {
        local.set(node.id, instance(node, id, stack, ctx));
        continue;
      }
      nodes.push(leaf(node, id, ctx));
      local.set(node.id, 'leaf');
    }
    for (const e of levelEdges) {
      const source = resolveSource(local, prefix, e.source, e.sourcePort, e.id);
      const target = resolveTarget(local, prefix, e.target, e.targetPort, e.id);
      if (!source || !target) continue;
      edges.push({ ...e, id: join(prefix, e.id), source: source.node, sourcePort: source.port, target: target.node, targetPort: target.port });
    }
    return local;
  };

  const resolveSource = (local: Map<string, Local>, prefix: string, inner: string, port: string, edgeId: string): PortTarget | null => {
    const entry = local.get(inner);
    if (entry === null) return null; // a broken instance: reported where it is
    if (entry === undefined || entry === 'leaf') return { node: join(prefix, inner), port };
    const out = own(entry.outputs, port);
    if (out === undefined) {
      issues.push({ code: 'missing-port', nodeId: entry.id, port, edgeId: join(prefix, edgeId), message: `edge ${quote(join(prefix, edgeId))}: ${where(entry.id, MODULE_KIND)} has no output port ${quote(port)} (module ${quote(entry.module)}'s outputs: ${names(entry.outputs)})` });
      return null;
    }
    return { node: out, port: 'out' };
  };

  const resolveTarget = (local: Map<string, Local>, prefix: string, inner: string, port: string, edgeId: string): PortTarget | null => {
    const entry = local.get(inner);
    if (entry === null) return null;
    if (entry === undefined || entry === 'leaf') return { node: join(prefix, inner), port };
    const into = own(entry.inputs, port);
    if (into === undefined) {
      issues.push({ code: 'missing-port', nodeId: entry.id, port, edgeId: join(prefix, edgeId), message: `edge ${quote(join(prefix, edgeId))}: ${where(entry.id, MODULE_KIND)} has no input port ${quote(port)} (module ${quote(entry.module)}'s inputs: ${names(entry.inputs)})` });
      return null;
    }
    return into;
  };

  const instance = (node: GraphNode, id: string, stack: readonly string[], ctx: Ctx | null): InstanceInfo | null => {
    const name = instanceModule(node);
    if (name === undefined) {
      issues.push({ code: 'bad-config', nodeId: id, message: `${where(id, MODULE_KIND)}: config.module must name one of the graph's modules (${names(defs)})` });
      return null;
    }
    const def = own(defs, name);
    if (!def) {
      issues.push({ code: 'unknown-module', nodeId: id, message: `${where(id, MODULE_KIND)}: no module ${quote(name)} in this graph (its modules: ${names(defs)})` });
      return null;
    }
    if (stack.includes(name)) {
      const loop = [...stack.slice(stack.indexOf(name)), name];
      issues.push({ code: 'module-cycle', nodeId: id, message: `${where(id, MODULE_KIND)}: modules use each other in a loop: ${loop.map((m) => quote(m)).join(' → ')}` });
      return null;
    }
    let inner: Ctx;
    if (def.shared) {
      inner = { owner: { module: name }, ownerNode: id, params: def.params, rel: '' };
      own2(def.params, id, `module ${quote(name)}`);
      if (node.params && Object.keys(node.params).length > 0) {
        issues.push({ code: 'unknown-param', nodeId: id, message: `${where(id, MODULE_KIND)}: module ${quote(name)} is shared, so its parameters are kept once under modules.${name}.params, not on the instance` });
      }
    } else if (ctx) {
      inner = { ...ctx, rel: `${ctx.rel}${node.id}${PATH_SEPARATOR}` };
    } else {
      inner = { owner: { instance: id }, ownerNode: id, params: node.params, rel: '' };
      own2(node.params, id, where(id, MODULE_KIND));
    }
    const kept = { nodes: nodes.length, edges: edges.length };
    const local = level(def.nodes, def.edges, id, [...stack, name], inner);
    if ([...local.values()].includes(null)) {
      // A broken part (reported where it is) makes the whole instance absent from the flat graph, so
      // its inner nodes do not add "not connected" issues of their own.
      nodes.length = kept.nodes;
      edges.length = kept.edges;
      return null;
    }
    const inputs = emptyRecord<PortTarget>();
    const outputs = emptyRecord<string>();
    const info: InstanceInfo = { id, module: name, inputs, outputs };
    const portIssue = (side: 'input' | 'output', port: string, ref: string): void => {
      issues.push({ code: 'missing-node', nodeId: id, port, message: `module ${quote(name)}: its ${side} ${quote(port)} names inner node ${quote(ref)}, which it does not have` });
    };
    for (const [port, ref] of Object.entries(def.inputs)) {
      if (!local.has(ref.node)) { portIssue('input', port, ref.node); continue; }
      const t = resolveTarget(local, id, ref.node, ref.port, `inputs.${port}`);
      if (t) inputs[port] = t;
    }
    for (const [port, ref] of Object.entries(def.outputs)) {
      if (!local.has(ref.node)) { portIssue('output', port, ref.node); continue; }
      const s = resolveSource(local, id, ref.node, ref.port, `outputs.${port}`);
      if (s) outputs[port] = s.node;
    }
    instances.set(id, info);
    return info;
  };

  level(graph.nodes, graph.edges, '', [], null);
  for (const [record, o] of owners) {
    const stray = Object.keys(record).filter((k) => !o.used.has(k));
    if (stray.length === 0) continue;
    const known = [...o.prefixes].map((p) => `${p}…`).join(', ') || 'none';
    issues.push({ code: 'unknown-param', nodeId: o.nodeId, message: `${o.what}: parameter ${quote(stray[0]!)} names no inner node's parameter (it has ${known})` });
  }
  const { modules: _m, ...rest } = graph;
  return { graph: { ...rest, nodes, edges }, issues, instances, paramAliases, paramHomes };
}

function names(record: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(record);
  return keys.length ? keys.map((k) => quote(k)).join(', ') : 'none';
}
