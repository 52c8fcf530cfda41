// Whether a document's training step is large enough for the float32 path to gain (issue 14.2): the
// engine's count (`stepMultiplyAdds`) of the program the trainer would compile, at the batch it would use.
import { buildFeed, compileGraph, FLOAT32_GAIN_MULTIPLY_ADDS, stepMultiplyAdds, wiredPart, type Graph, type Program } from '../../engine/index.ts';
import { changesAnalysis, diffGraphs } from '../model/graph-change.ts';

interface Compiled { readonly program: Program; readonly trainSize: number }

// One program at batch 1, reused while edits leave the structure alone (drags, renames, new numbers: the
// count depends on sizes only): the panel asks on every document change, and a 2,000-node compile is ≈ 50 ms.
let last: { graph: Graph; compiled: Compiled | null } | null = null;

function compiled(graph: Graph): Compiled | null {
  if (last && (last.graph === graph || !changesAnalysis(diffGraphs(last.graph, graph)))) return last.compiled;
  let c: Compiled | null = null;
  try {
    const wired = wiredPart(graph).graph; // what the training client sends
    c = { program: compileGraph(wired, { batch: 1, dataGradients: false }), trainSize: buildFeed(wired).trainSize };
  } catch {
    c = null; // a graph that cannot train has no step to weigh; the panel says why when Train is pressed
  }
  last = { graph, compiled: c };
  return c;
}

/** Multiply-adds of one training step of `graph` with the form's batch size (clamped to the data, as the trainer does); null when it cannot compile. */
export function trainingStepMultiplyAdds(graph: Graph, batchSize: number): number | null {
  const c = compiled(graph);
  if (!c || !(batchSize >= 1)) return null;
  return stepMultiplyAdds(c.program, Math.min(Math.floor(batchSize), c.trainSize));
}

/** The panel offers float32 only from about 1M multiply-adds a step: below that it would not gain. */
export const offersFloat32 = (graph: Graph, batchSize: number): boolean =>
  (trainingStepMultiplyAdds(graph, batchSize) ?? 0) >= FLOAT32_GAIN_MULTIPLY_ADDS;
