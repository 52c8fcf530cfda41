// The one home of a graph's parameters: one Float64Array per parameter, taken from the graph or drawn
// by the node's module. Programs of any batch size alias these buffers (`compileGraph(g, { params })`),
// so what the trainer updates, every evaluation and view of the same graph sees at once, without a copy.
import { expandModules } from '../composite/expand.ts';
import { emptyRecord, own } from '../own.ts';
import { initialParams } from '../init.ts';
import { isModuleKind, moduleOf } from '../modules/registry.ts';
import type { ModuleDef } from '../modules/types.ts';
import { sizeOf, tensor, toJson, type Tensor, type TensorJson } from '../tensor.ts';
import type { Graph, GraphNode, ModuleDefinition } from './types.ts';

/** Parameters as the document stores them: node id → parameter name → tensor. */
export type ParamJson = Record<string, Record<string, TensorJson>>;

export interface StoredParam { readonly nodeId: string; readonly name: string; readonly value: Tensor }

export class ParamStore {
  /** Every parameter, in the order of the nodes that were given. */
  readonly entries: readonly StoredParam[];
  private readonly byKey = new Map<string, Tensor>();
  /** Node → the node whose parameters it uses: later uses of a shared composite module alias the first. */
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(entries: readonly StoredParam[], aliases: ReadonlyMap<string, string> = new Map()) {
    this.entries = entries;
    this.aliases = aliases;
    for (const e of entries) this.byKey.set(key(e.nodeId, e.name), e.value);
  }

  get(nodeId: string, name: string): Tensor | undefined {
    return this.byKey.get(key(this.aliases.get(nodeId) ?? nodeId, name));
  }

  /** A copy in the document's plain-number form: the one place parameters leave their Float64Arrays. */
  toJson(): ParamJson {
    // Keyed by node id from the file: without a prototype, a node "__proto__" is a key like any other.
    const out: ParamJson = emptyRecord();
    for (const { nodeId, name, value } of this.entries) (out[nodeId] ??= emptyRecord())[name] = toJson(value);
    return out;
  }
}

/** A node whose kind and config are known, with the def that decides its parameters. */
export interface ParamOwner { readonly node: GraphNode; readonly def: ModuleDef<unknown>; readonly config: unknown }

/** Stored tensors where the node has them, the module's fresh draw (graph seed, node id, name) where not. */
export function paramStoreOf(owners: Iterable<ParamOwner>, seed: number, aliases: ReadonlyMap<string, string> = new Map()): ParamStore {
  const entries: StoredParam[] = [];
  for (const { node, def, config } of owners) {
    if (aliases.has(node.id)) continue; // a shared module's later use: its parameters are the first use's
    const names = Object.keys(def.paramShapes(config));
    if (names.length === 0) continue;
    const fresh = names.some((name) => !wellFormed(node.params?.[name])) ? initialParams(def, config, seed, node.id) : {};
    for (const name of names) {
      const stored = node.params?.[name];
      entries.push({ nodeId: node.id, name, value: stored && wellFormed(stored) ? tensor(stored.shape, stored.data) : fresh[name]! });
    }
  }
  return new ParamStore(entries, aliases);
}

/**
 * The parameter store of a graph; never throws. Nodes of an unknown kind or a broken config have
 * none, and a malformed stored tensor is drawn afresh: compiling the graph reports all of these.
 */
export function createParamStore(document: Graph): ParamStore {
  const { graph, paramAliases } = expandModules(document);
  const owners: ParamOwner[] = [];
  for (const node of graph.nodes) {
    if (!isModuleKind(node.kind)) continue;
    const def = moduleOf(node.kind);
    try {
      owners.push({ node, def, config: def.parseConfig(node.config ?? {}) });
    } catch {
      // a bad config is reported by analyzeGraph, with the field it names
    }
  }
  return paramStoreOf(owners, graph.seed ?? 0, paramAliases);
}

/**
 * The graph with parameters written into its nodes (e.g. those a worker sent back): one new Graph the
 * UI applies as a single undoable change. Nodes not named keep theirs; no other field changes.
 */
export function withParameters(graph: Graph, params: Readonly<Record<string, Readonly<Record<string, TensorJson>>>>): Graph {
  // Parameters of nodes inside composite modules (flat ids "n1/fc") go home: to the instance's
  // params as "fc.W", or a shared module's under modules.<name>.params.
  const { paramHomes } = expandModules(graph);
  const byInstance = new Map<string, Record<string, TensorJson>>();
  const byModule = new Map<string, Record<string, TensorJson>>();
  const direct = emptyRecord<Readonly<Record<string, TensorJson>>>();
  for (const [id, named] of Object.entries(params)) {
    const home = paramHomes.get(id);
    if (!home) { direct[id] = named; continue; }
    const [map, key] = 'module' in home.owner ? [byModule, home.owner.module] : [byInstance, home.owner.instance];
    const into = map.get(key) ?? emptyRecord<TensorJson>();
    for (const [name, t] of Object.entries(named)) into[`${home.prefix}${name}`] = t;
    map.set(key, into);
  }
  const nodes = graph.nodes.map((n): GraphNode => {
    const update = { ...(own(direct, n.id) ?? {}), ...(byInstance.get(n.id) ?? {}) };
    return Object.keys(update).length > 0 ? { ...n, params: { ...(n.params ?? {}), ...update } } : n;
  });
  if (byModule.size === 0) return { ...graph, nodes };
  const modules = Object.assign(emptyRecord<ModuleDefinition>(), graph.modules);
  for (const [name, update] of byModule) {
    const def = own(modules, name);
    if (def) modules[name] = { ...def, params: { ...(def.params ?? {}), ...update } };
  }
  return { ...graph, nodes, modules };
}

function wellFormed(t: TensorJson | undefined): t is TensorJson {
  return t !== undefined && Array.isArray(t.shape) && Array.isArray(t.data) && t.data.length === sizeOf(t.shape);
}

function key(nodeId: string, name: string): string {
  return `${nodeId}\u0000${name}`;
}
