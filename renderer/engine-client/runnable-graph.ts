// What the canvas runs: the document, with nodes bound to a dataset showing its first samples, so a
// dataset-bound example shows real data on its edges (not the zeros of an absent value).
import { PREVIEW_SAMPLES, withDatasetPreview, type Graph } from '../../engine/index.ts';

/** The engine's one count, which the CLI uses too. */
export { PREVIEW_SAMPLES } from '../../engine/index.ts';

export function runnableGraph(graph: Graph): Graph {
  // Only bound graphs need the preview (which validates the whole graph): others run as they are.
  if (!graph.nodes.some((n) => n.binding !== undefined)) return graph;
  return withDatasetPreview(graph, PREVIEW_SAMPLES);
}
