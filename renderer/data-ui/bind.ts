// Pure edits that bind input/target nodes to datasets. Each returns a new Graph (never mutating its
// argument), so the inspector applies it as one undoable commit.
import {
  bindNode, datasetWidths, graphDatasets, moduleOf, withDataset, withDatasetPreview,
  type DatasetBinding, type DatasetSpec, type Graph, type GraphNode,
} from '../../engine/index.ts';
import { batchOf, fitTensors } from '../model/graph-ops.ts';

export type DataField = DatasetBinding['field'];
export type DataKind = 'input' | 'target';

export function isDataKind(kind: string): kind is DataKind {
  return kind === 'input' || kind === 'target';
}

/** What training reads from a node: an input takes the features, a target the labels. */
export function defaultField(kind: DataKind): DataField {
  return kind === 'input' ? 'features' : 'labels';
}

/** "data", "data2", … : the first name not already in graph.datasets. */
export function freshDatasetName(graph: Graph, base = 'data'): string {
  const taken = new Set(Object.keys((graph.datasets as Record<string, unknown> | undefined) ?? {}));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** The node's config.size, or null when its config is broken. */
export function nodeSize(node: GraphNode): number | null {
  if (!isDataKind(node.kind)) return null;
  try {
    const def = moduleOf(node.kind);
    return def.valueFeatures!(def.parseConfig(node.config ?? {}));
  } catch {
    return null;
  }
}

/** Columns a node bound to `field` of `spec` receives. */
export function fieldWidth(spec: DatasetSpec, field: DataField): number {
  const w = datasetWidths(spec);
  return field === 'features' ? w.features : w.labels;
}

export interface BindOptions {
  readonly field: DataField;
  /** Set each newly bound node's size to the dataset's width. */
  readonly fitSize: boolean;
  /** Also bind the graph's other unbound inputs/targets (features/labels): training takes one dataset. */
  readonly bindOthers: boolean;
}

/** Adds `spec` under a fresh name (`base`, `base2`, …) and binds the node (and, if asked, the other data nodes) to it. */
export function bindToNewDataset(graph: Graph, nodeId: string, spec: DatasetSpec, options: BindOptions, base = 'data'): { graph: Graph; name: string } {
  const name = freshDatasetName(graph, base);
  return { graph: bindToDataset(withDataset(graph, name, spec), nodeId, name, options), name };
}

/** Binds the node to an existing dataset of the graph. */
export function bindToDataset(graph: Graph, nodeId: string, name: string, options: BindOptions): Graph {
  const spec = specOf(graph, name);
  const targets = new Map<string, DataField>([[nodeId, options.field]]);
  if (options.bindOthers) {
    for (const n of graph.nodes) if (n.id !== nodeId && isDataKind(n.kind) && n.binding === undefined) targets.set(n.id, defaultField(n.kind));
  }
  let next = graph;
  for (const [id, field] of targets) next = bindNode(next, id, { dataset: name, field });
  return mapNodes(next, (n) => {
    const field = targets.get(n.id);
    if (field === undefined) return n;
    return withoutValue(options.fitSize ? withSize(n, fieldWidth(spec, field)) : n);
  });
}

/** Replaces a dataset in place: every node bound to it follows. `fitSizes` resizes those nodes. */
export function replaceDataset(graph: Graph, name: string, spec: DatasetSpec, fitSizes = false): Graph {
  const next = withDataset(graph, name, spec);
  return fitSizes ? fitBoundSizes(next, name) : next;
}

/** Changes which field of its dataset a bound node takes. */
export function setBindingField(graph: Graph, nodeId: string, field: DataField): Graph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const b = node?.binding as DatasetBinding | undefined;
  if (!b || b.field === field) return graph;
  return bindNode(graph, nodeId, { ...b, field });
}

export interface SizeMismatch { readonly nodeId: string; readonly size: number | null; readonly width: number; readonly field: DataField }

/** Nodes bound to `name` whose size differs from the columns they receive. */
export function sizeMismatches(graph: Graph, name: string): SizeMismatch[] {
  const spec = specOf(graph, name);
  const out: SizeMismatch[] = [];
  for (const n of boundTo(graph, name)) {
    const field = (n.binding as DatasetBinding).field;
    const width = fieldWidth(spec, field), size = nodeSize(n);
    if (size !== width) out.push({ nodeId: n.id, size, width, field });
  }
  return out;
}

/** Sets the size of every node bound to `name` to the width it receives. */
export function fitBoundSizes(graph: Graph, name: string): Graph {
  const bad = new Map(sizeMismatches(graph, name).map((m) => [m.nodeId, m.width]));
  if (bad.size === 0) return graph;
  return mapNodes(graph, (n) => (bad.has(n.id) ? withoutValue(withSize(n, bad.get(n.id)!)) : n));
}

/**
 * Unbinds every node bound to the node's dataset (a graph trains on one dataset or none, so unbinding
 * one alone leaves a graph that cannot run) and drops the dataset. The nodes keep the samples they
 * showed as fixed values, or zeros when the preview cannot be built or its batch would not fit.
 */
export function unbindDataset(graph: Graph, nodeId: string): Graph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const b = node?.binding as DatasetBinding | undefined;
  if (!b) return graph;
  const group = new Set(boundTo(graph, b.dataset).map((n) => n.id));
  let preview: Graph | null = null;
  try { preview = withDatasetPreview(graph); } catch { preview = null; }
  const others = graph.nodes.filter((n) => isDataKind(n.kind) && !group.has(n.id) && n.value);
  const batch = others.length ? batchOf({ ...graph, nodes: others }) : null;
  const previewById = new Map((preview?.nodes ?? []).map((n) => [n.id, n]));
  const { [b.dataset]: _gone, ...rest } = (graph.datasets ?? {}) as Record<string, unknown>;
  const nodes = graph.nodes.map((n) => {
    if (!group.has(n.id)) return n;
    const { binding: _b, ...plain } = n;
    const shown = previewById.get(n.id)?.value;
    const size = nodeSize(n);
    if (shown && shown.shape[1] === size && (batch === null || shown.shape[0] === batch)) return { ...plain, value: shown } as GraphNode;
    return fitTensors(plain as GraphNode, graph.seed ?? 0, batch ?? 1);
  });
  const next: Graph = { ...graph, nodes };
  if (Object.keys(rest).length) next.datasets = rest;
  else delete next.datasets;
  return next;
}

export function boundTo(graph: Graph, name: string): GraphNode[] {
  return graph.nodes.filter((n) => (n.binding as DatasetBinding | undefined)?.dataset === name);
}

/** The dataset's spec with defaults filled in; throws (with the JSON path) when it is invalid. */
export function specOf(graph: Graph, name: string): DatasetSpec {
  const spec = graphDatasets(graph)[name];
  if (!spec) throw new Error(`no dataset "${name}" in the graph`);
  return spec;
}

function withSize(node: GraphNode, size: number): GraphNode {
  return { ...node, config: { ...node.config, size } };
}

/** A bound node's value would only go stale: the canvas shows the dataset's first samples instead. */
function withoutValue(node: GraphNode): GraphNode {
  if (node.value === undefined) return node;
  const { value: _v, ...rest } = node;
  return rest as GraphNode;
}

function mapNodes(graph: Graph, f: (n: GraphNode) => GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map(f) };
}
