// Whether a document's training step is large enough for the float32 path to gain (issue 14.2): the
// engine's count (`stepMultiplyAdds`) of the part the trainer would train, at the batch it would use.
import { feedTrainSize, FLOAT32_GAIN_MULTIPLY_ADDS, stepMultiplyAdds, wiredPart, type Graph } from '../../engine/index.ts';
import { changesAnalysis, diffGraphs } from '../model/graph-change.ts';

interface Trainable { readonly wired: Graph; readonly trainSize: number }

// Kept while edits leave the structure alone (drags, renames, new numbers: the count depends on sizes
// only): the panel asks on every document change.
let last: { graph: Graph; trainable: Trainable | null } | null = null;

function trainable(graph: Graph): Trainable | null {
  if (last && (last.graph === graph || !changesAnalysis(diffGraphs(last.graph, graph)))) return last.trainable;
  let t: Trainable | null = null;
  try {
    const wired = wiredPart(graph).graph; // what the training client sends
    t = { wired, trainSize: feedTrainSize(wired) };
  } catch {
    t = null; // a graph that cannot train has no step to weigh; the panel says why when Train is pressed
  }
  last = { graph, trainable: t };
  return t;
}

/** Multiply-adds of one training step of `graph` with the form's batch size (clamped to the data, as the trainer does); null when it cannot train. */
export function trainingStepMultiplyAdds(graph: Graph, batchSize: number): number | null {
  const t = trainable(graph);
  if (!t || !(batchSize >= 1)) return null;
  return stepMultiplyAdds(t.wired, Math.min(Math.floor(batchSize), t.trainSize));
}

/** The panel offers float32 only from about 1M multiply-adds a step: below that it would not gain. */
export const offersFloat32 = (graph: Graph, batchSize: number): boolean =>
  (trainingStepMultiplyAdds(graph, batchSize) ?? 0) >= FLOAT32_GAIN_MULTIPLY_ADDS;
