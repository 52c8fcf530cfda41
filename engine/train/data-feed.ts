// Where each data node's rows come from during training: a bound dataset (features or labels, with a
// test split) or, when nothing is bound, the graph's own fixed values as a one-batch training set.
import { buildDataset, datasetWidths, gatherRows, type Dataset } from '../data/dataset.ts';
import { graphDatasets, nodeBinding, TrainingSetupError } from '../data/bindings.ts';
import { compileGraph } from '../graph/program.ts';
import { analyzeGraph } from '../graph/analyze.ts';
import { GraphValidationError } from '../graph/issues.ts';
import { checkProgramBudget } from '../budget.ts';
import { own } from '../own.ts';
import { quote } from '../text/quote.ts';
import type { Graph } from '../graph/types.ts';
import { moduleOf } from '../modules/registry.ts';

export interface DataSource {
  readonly nodeId: string;
  readonly width: number;
  readonly field: 'features' | 'labels' | 'fixed';
  /** [trainSize, width] and [testSize, width], row-major. */
  readonly train: Float64Array;
  readonly test: Float64Array;
}

export interface DataFeed {
  readonly sources: readonly DataSource[];
  readonly trainSize: number;
  readonly testSize: number;
  /** Null when the graph trains on its fixed values. */
  readonly dataset: Dataset | null;
  readonly datasetName: string | null;
  /** The target node bound to the labels, for accuracy. */
  readonly labelsNodeId: string | null;
}

export function buildFeed(graph: Graph): DataFeed {
  const dataNodes = graph.nodes.map((node, index) => ({ node, index })).filter(({ node }) => node.kind === 'input' || node.kind === 'target');
  const bound = dataNodes.map(({ node, index }) => ({ node, index, binding: nodeBinding(node, index) }));
  const anyBound = bound.some((b) => b.binding);
  if (!anyBound) return fixedFeed(graph);

  const datasets = graphDatasets(graph);
  const first = bound.find((b) => b.binding)!;
  const name = first.binding!.dataset;
  for (const b of bound) {
    if (!b.binding) {
      throw new TrainingSetupError(`nodes[${b.index}]`, `node "${b.node.id}" (${b.node.kind}) has no dataset binding; when one data node is bound, every input and target must be (bind it to "${name}")`, b.node.id);
    }
    if (b.binding.dataset !== name) {
      throw new TrainingSetupError(`nodes[${b.index}].binding.dataset`, `node "${b.node.id}" is bound to "${b.binding.dataset}" but node "${first.node.id}" to "${name}"; a graph trains on one dataset`, b.node.id);
    }
    const want = b.node.kind === 'input' ? 'features' : 'labels';
    if (b.binding.field !== want) {
      throw new TrainingSetupError(`nodes[${b.index}].binding.field`, `node "${b.node.id}" is ${b.node.kind === 'input' ? 'an input' : 'a target'}, so it takes the dataset's ${want}, not its ${b.binding.field}`, b.node.id);
    }
  }
  const spec = own(datasets, name);
  if (!spec) throw new TrainingSetupError(`nodes[${first.index}].binding.dataset`, `no dataset ${quote(name)} in this graph`, first.node.id);
  const widths = datasetWidths(spec);
  for (const b of bound) {
    const size = dataSize(b.node.kind as 'input' | 'target', b.node.config);
    const width = b.binding!.field === 'features' ? widths.features : widths.labels;
    if (size !== null && size !== width) {
      throw new TrainingSetupError(`nodes[${b.index}].config.size`, `node "${b.node.id}" has size ${size} but dataset "${name}" has ${width} ${b.binding!.field === 'features' ? 'feature' : 'label'} column${width === 1 ? '' : 's'}`, b.node.id);
    }
  }
  const dataset = buildDataset(spec);
  const sources = bound.map(({ node, binding }): DataSource => {
    const features = binding!.field === 'features';
    return {
      nodeId: node.id, field: binding!.field,
      width: features ? dataset.featureCount : dataset.labelCount,
      train: features ? dataset.train.features : dataset.train.labels,
      test: features ? dataset.test.features : dataset.test.labels,
    };
  });
  const labels = sources.find((s) => s.field === 'labels');
  return { sources, trainSize: dataset.train.size, testSize: dataset.test.size, dataset, datasetName: name, labelsNodeId: labels?.nodeId ?? null };
}

/** config.size of a data node, or null when its config is broken (compiling reports that). */
function dataSize(kind: 'input' | 'target', config: Record<string, unknown> | undefined): number | null {
  try {
    const def = moduleOf(kind);
    return def.valueFeatures!(def.parseConfig(config ?? {}));
  } catch {
    return null;
  }
}

/**
 * `buildFeed(graph).trainSize`, and the same errors, without building a fixed feed: that one's size is
 * the graph's batch, which its analysis has, so no program is compiled (the float32 offer asks it on
 * every structural edit; 10,000 nodes took a quarter of a second to compile).
 */
export function feedTrainSize(graph: Graph): number {
  if (!graph.nodes.some((node, index) => (node.kind === 'input' || node.kind === 'target') && nodeBinding(node, index))) {
    // What compileGraph checks before it allocates: the analysis' issues, then the budget.
    const analysis = analyzeGraph(graph);
    if (analysis.issues.length > 0) throw new GraphValidationError(analysis.issues);
    checkProgramBudget(analysis);
    return analysis.batch;
  }
  return buildFeed(graph).trainSize;
}

function fixedFeed(graph: Graph): DataFeed {
  const program = compileGraph(graph);
  const sources = program.nodes.filter((n) => n.frame.value).map((n): DataSource => ({
    nodeId: n.id, field: 'fixed', width: n.frame.value!.shape[1]!,
    train: new Float64Array(n.frame.value!.data), test: new Float64Array(0),
  }));
  return { sources, trainSize: program.batch, testSize: 0, dataset: null, datasetName: null, labelsNodeId: null };
}

/** How many samples a dataset-bound graph shows on the canvas and runs on in the CLI's run, gradcheck, hessian and jacobian. */
export const PREVIEW_SAMPLES = 4;

/**
 * The graph with each bound node's `value` set to the first `count` training samples of its dataset,
 * so one forward/backward pass on the canvas shows real data. Unbound graphs come back unchanged.
 */
export function withDatasetPreview(graph: Graph, count = PREVIEW_SAMPLES): Graph {
  const feed = buildFeed(graph);
  if (!feed.dataset) return graph;
  const n = Math.max(1, Math.min(Math.floor(count), feed.trainSize));
  return withRows(graph, feed, Array.from({ length: n }, (_, i) => i));
}

/** The graph with each bound node's `value` set to the given training rows (a mini-batch, in order). */
export function withDatasetRows(graph: Graph, rows: readonly number[]): Graph {
  const feed = buildFeed(graph);
  if (!feed.dataset) return graph;
  const bad = rows.find((r) => !Number.isInteger(r) || r < 0 || r >= feed.trainSize);
  if (bad !== undefined) throw new RangeError(`training row ${bad} does not exist: the dataset has ${feed.trainSize} training samples`);
  return withRows(graph, feed, rows);
}

function withRows(graph: Graph, feed: DataFeed, rows: readonly number[]): Graph {
  const byId = new Map(feed.sources.map((s) => [s.nodeId, s]));
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const s = byId.get(node.id);
      return s ? { ...node, value: { shape: [rows.length, s.width], data: Array.from(gatherRows(s.train, s.width, rows)) } } : node;
    }),
  };
}
