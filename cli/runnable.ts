// File → the program run, gradient-checked or differentiated: a graph bound to a dataset runs on the same
// first training samples the canvas shows (issue 8.16), not on the zeros of its absent values, and says which.
import {
  analyzeGraph, BudgetError, buildFeed, compileGraph, graphDatasets, GraphValidationError, PREVIEW_SAMPLES, printable, quote,
  TrainingSetupError, withDatasetPreview, MAX_DATASET_ROWS, type Graph, type Program,
} from '../engine/index.ts';
import { optionalNumberFlag, type ParsedArgs } from './args.ts';
import { CliError, type CliIo } from './io.ts';
import { loadGraph } from './load.ts';

export const samplesUsage = `[--samples N]`;
/** The flag every command that runs the graph takes, with its check. */
export const SAMPLES_FLAG = 'samples';

export interface Runnable {
  readonly graph: Graph;
  readonly program: Program;
  /** The samples the data nodes hold, when they come from a dataset. */
  readonly samples: { readonly count: number; readonly dataset: string } | null;
}

/** Loads FILE and compiles what the canvas would run, reporting the dataset samples used on stderr. */
export function loadRunnable(io: CliIo, file: string, flags: ParsedArgs['flags']): Runnable {
  const wanted = samplesFlag(flags);
  return runnableOf(io, file, loadGraph(io, file), wanted);
}

/** --samples N, checked (before any file is read). */
export function samplesFlag(flags: ParsedArgs['flags']): number | undefined {
  return optionalNumberFlag(flags, SAMPLES_FLAG, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_DATASET_ROWS, `a whole number of samples from 1 to ${MAX_DATASET_ROWS}`);
}

/** As loadRunnable, for a graph already loaded from FILE. */
export function runnableOf(io: CliIo, file: string, graph: Graph, wanted: number | undefined): Runnable {
  const bound = graph.nodes.some((n) => n.binding !== undefined);
  if (!bound) {
    if (wanted !== undefined) throw new CliError(`--samples ${wanted}: ${file} binds no dataset; it runs on the values stored in it`);
    return { graph, program: compile(file, graph), samples: null };
  }
  // As the canvas: the document's own structure first, then its preview with dataset rows in the data nodes.
  const issues = analyzeGraph(graph).issues;
  if (issues.length > 0) throw new CliError(`${file}: ${new GraphValidationError(issues).message}`);
  const count = wanted ?? PREVIEW_SAMPLES;
  let preview: Graph, described: string, dataset: string, used: number;
  try {
    const feed = buildFeed(graph);
    dataset = feed.datasetName ?? '';
    used = Math.max(1, Math.min(count, feed.trainSize));
    const spec = graphDatasets(graph)[dataset]!;
    const recipe = spec.source === 'generated' ? `${spec.generator}, seed ${spec.seed}` : `${spec.source === 'bundled' ? spec.name : 'embedded'}, split seed ${spec.seed}`;
    described = `using training samples 0–${used - 1} of dataset ${quote(dataset)} (${recipe}; ${feed.trainSize} training samples)${used < count ? `: it has only ${used}` : ''}`;
    preview = withDatasetPreview(graph, used);
  } catch (e) {
    if (e instanceof TrainingSetupError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
  const program = compile(file, preview);
  io.stderr(`${printable(described, 200)}\n`);
  return { graph, program, samples: { count: used, dataset } };
}

function compile(file: string, graph: Graph): Program {
  try {
    return compileGraph(graph);
  } catch (e) {
    if (e instanceof GraphValidationError || e instanceof BudgetError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}
