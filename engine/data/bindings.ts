// Typed access to the version 2 fields a Graph carries as extras: datasets, node bindings, training
// settings. Setters return a new Graph so the UI can apply each as one undoable change.
import type { Graph, GraphNode } from '../graph/types.ts';
import {
  bindingSchema, datasetSpecSchema, trainingSettingsSchema,
  type DatasetBinding, type DatasetSpec, type TrainingSettings,
} from '../format/schema.ts';
import { jsonPath as jsonPathOf } from '../format/graph-file.ts';

/** A problem with a dataset, binding or training setting, with the JSON path of the field. */
export class TrainingSetupError extends Error {
  readonly path: string;
  readonly nodeId: string | undefined;
  constructor(path: string, message: string, nodeId?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'TrainingSetupError';
    this.path = path;
    this.nodeId = nodeId;
  }
}

/** The graph's datasets, defaults filled in; throws TrainingSetupError naming the bad field. */
export function graphDatasets(graph: Graph): Record<string, DatasetSpec> {
  const raw = graph.datasets;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TrainingSetupError('datasets', 'must be an object of named datasets');
  const out: Record<string, DatasetSpec> = {};
  for (const [name, spec] of Object.entries(raw)) {
    const r = datasetSpecSchema.safeParse(spec);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new TrainingSetupError(jsonPathOf(['datasets', name, ...issue.path]), issue.message);
    }
    out[name] = r.data;
  }
  return out;
}

/** `index` (the node's place in graph.nodes) makes the error path "nodes[3].binding.field". */
export function nodeBinding(node: GraphNode, index?: number): DatasetBinding | undefined {
  if (node.binding === undefined) return undefined;
  const r = bindingSchema.safeParse(node.binding);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = index === undefined ? `node "${node.id}" binding` : jsonPathOf(['nodes', index, 'binding', ...issue.path]);
    throw new TrainingSetupError(path, issue.message, node.id);
  }
  return r.data;
}

/** Saved settings merged over the defaults, then `overrides` (e.g. CLI flags) over both. */
export function trainingSettings(graph: Graph, overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  const saved = graph.training ?? {};
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) throw new TrainingSetupError('training', 'must be an object');
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const r = trainingSettingsSchema.safeParse({ ...saved, ...defined });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new TrainingSetupError(jsonPathOf(['training', ...issue.path]), issue.message);
  }
  return r.data;
}

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = trainingSettingsSchema.parse({});

export function withTrainingSettings(graph: Graph, settings: TrainingSettings): Graph {
  return { ...graph, training: { ...settings } };
}

/** Adds or replaces a named dataset. */
export function withDataset(graph: Graph, name: string, spec: DatasetSpec): Graph {
  const datasets = { ...((graph.datasets as Record<string, DatasetSpec> | undefined) ?? {}), [name]: spec };
  return { ...graph, datasets };
}

/** Removes a dataset and every binding to it. */
export function withoutDataset(graph: Graph, name: string): Graph {
  const { [name]: _gone, ...datasets } = (graph.datasets as Record<string, DatasetSpec> | undefined) ?? {};
  const nodes = graph.nodes.map((n) => ((n.binding as DatasetBinding | undefined)?.dataset === name ? unbound(n) : n));
  return { ...graph, datasets, nodes };
}

/** Binds an input (field "features") or target (field "labels") node; null removes the binding. */
export function bindNode(graph: Graph, nodeId: string, binding: DatasetBinding | null): Graph {
  if (!graph.nodes.some((n) => n.id === nodeId)) throw new TrainingSetupError('', `no node "${nodeId}" in the graph`, nodeId);
  return { ...graph, nodes: graph.nodes.map((n) => (n.id !== nodeId ? n : binding ? { ...n, binding: { ...binding } } : unbound(n))) };
}

function unbound(node: GraphNode): GraphNode {
  const { binding: _b, ...rest } = node;
  return rest as GraphNode;
}
