// Everything the generated file says, worked out once from the graph with the engine's own rules:
// the nodes in the engine's topological order with their Python names, the parameters as the engine
// starts from them (stored, or drawn by initialParams), the data as the trainer feeds it (stored
// values, or the bound dataset split into train and test), and the training settings.
import {
  buildFeed, compileGraph, expandModules, own, decisionThreshold, graphDatasets, GraphValidationError, isModuleKind, predictionOf,
  TrainingSetupError, trainingSettings, type DatasetSpec, type Graph, type Program, type TrainingSettings,
} from '../../engine/index.ts';
import { kindExports, type Layer, type NodeCode } from './kinds.ts';
import { pythonNames } from './names.ts';
import { pyString } from './python.ts';

/** The graph cannot be exported; the message names the node, field or kind. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface PlanNode {
  readonly id: string;
  /** The node's Python variable (and, for layers, its attribute on the model). */
  readonly name: string;
  readonly kind: string;
  readonly code: NodeCode;
  readonly layer: Layer | null;
  /** Features of its output ([batch, features]); 1 for losses. */
  readonly features: number;
  readonly isLoss: boolean;
  readonly reduction: 'sum' | 'mean' | null;
  readonly isData: boolean;
}

export interface PlanParam {
  /** "<nodeId>.<param>": the key of `bp_params`, PARAMS and the trained JSON. */
  readonly key: string;
  readonly nodeId: string;
  readonly attr: string;
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export interface PlanData {
  readonly nodeId: string;
  readonly width: number;
  readonly train: Float64Array;
  readonly test: Float64Array;
}

export interface ExportPlan {
  readonly title: string;
  readonly nodes: readonly PlanNode[];
  readonly losses: readonly PlanNode[];
  readonly params: readonly PlanParam[];
  readonly data: readonly PlanData[];
  readonly trainSize: number;
  readonly testSize: number;
  /** Where the data comes from, for the comment above it. */
  readonly dataSource: { readonly name: string; readonly spec: DatasetSpec } | null;
  readonly settings: TrainingSettings;
  /** Classifiers: the node whose output is the prediction, the labels node, and how to read it. */
  readonly prediction: { readonly nodeId: string; readonly labelsId: string; readonly threshold: number; readonly columns: number } | null;
  /** Parameters with no path to a loss get no gradient: DDP must be told to expect that. */
  readonly unusedParams: boolean;
  /** Some parameter has a path to a loss (else training could change nothing). */
  readonly trainable: boolean;
}

export function planExport(graph: Graph): ExportPlan {
  for (const node of graph.nodes) {
    if (isModuleKind(node.kind) && !kindExports[node.kind]) {
      throw new ExportError(`node "${node.id}" is a ${node.kind}, which the PyTorch export does not handle yet`);
    }
  }
  // Composite modules export as their inner nodes ("m1/fc"); one parameter shared by several of them
  // would become separate torch parameters that train apart, so a shared module is refused.
  const shared = [...expandModules(graph).instances.values()].find((i) => own(graph.modules, i.module)?.shared);
  if (shared) throw new ExportError(`module "${shared.module}" shares weights: not exported yet`);
  const program = setUp(() => compileGraph(graph, { batch: 1 }));
  const feed = setUp(() => buildFeed(graph));
  const settings = setUp(() => trainingSettings(graph));
  const names = pythonNames(program.nodes.map((n) => ({ id: n.id, name: graph.nodes.find((g) => g.id === n.id)?.name })));
  const nameOf = (id: string): string => names.get(id)!;

  const nodes = program.nodes.map((n): PlanNode => {
    const ex = kindExports[n.kind]!; // every kind checked above
    const config = n.frame.config;
    const name = nameOf(n.id);
    return {
      id: n.id, name, kind: n.kind,
      code: ex.code(config, n.inputEdges.map((e) => nameOf(e.source.id)), { attr: name, key: pyString(n.id) }),
      layer: ex.layer?.(config) ?? null,
      features: n.frame.out.shape[1] ?? 1,
      isLoss: n.def.isLoss,
      reduction: n.def.isLoss ? (config as { reduction: 'sum' | 'mean' }).reduction : null,
      isData: n.def.family === 'data',
    };
  });
  const params = program.nodes.flatMap((n) => {
    const layer = nodes.find((p) => p.id === n.id)!.layer;
    return n.paramNames.map((pname, i): PlanParam => {
      const attr = layer?.params[pname];
      if (!attr) throw new ExportError(`node "${n.id}" (${n.kind}): no torch attribute for its parameter ${pname}`);
      const value = n.frame.params[i]!;
      return { key: `${n.id}.${pname}`, nodeId: n.id, attr: `${nameOf(n.id)}.${attr}`, shape: value.shape, data: value.data };
    });
  });
  const datasets = feed.datasetName ? setUp(() => graphDatasets(graph)) : {};
  return {
    title: graph.name,
    nodes,
    losses: nodes.filter((n) => n.isLoss),
    params,
    data: feed.sources.map((s) => ({ nodeId: s.nodeId, width: s.width, train: s.train, test: s.test })),
    trainSize: feed.trainSize,
    testSize: feed.testSize,
    dataSource: feed.datasetName ? { name: feed.datasetName, spec: datasets[feed.datasetName]! } : null,
    settings,
    prediction: predictionFor(program, feed.dataset?.task === 'classification' ? feed.labelsNodeId : null),
    unusedParams: program.nodes.some((n) => n.paramNames.length > 0 && !n.reachesLoss),
    trainable: program.nodes.some((n) => n.paramNames.length > 0 && n.reachesLoss),
  };
}

function predictionFor(program: Program, labelsId: string | null): ExportPlan['prediction'] {
  const nodeId = predictionOf(program, labelsId);
  if (!nodeId || !labelsId) return null;
  return { nodeId, labelsId, threshold: decisionThreshold(program, nodeId), columns: program.node(nodeId).frame.out.shape[1]! };
}

/** The engine's own refusals (a broken wire, a bad binding or setting) become the export's. */
export function setUp<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof GraphValidationError || e instanceof TrainingSetupError) throw new ExportError(e.message);
    throw e;
  }
}
