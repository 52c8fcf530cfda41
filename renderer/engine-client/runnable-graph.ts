// What the canvas runs: the document, with nodes bound to a dataset showing its first samples, so a
// dataset-bound example shows real data on its edges (not the zeros of an absent value).
import { withDatasetPreview, type Graph } from '../../engine/index.ts';

export const PREVIEW_SAMPLES = 4;

export function runnableGraph(graph: Graph): Graph {
  // Only bound graphs need the preview (which validates the whole graph): others run as they are.
  if (!graph.nodes.some((n) => n.binding !== undefined)) return graph;
  return withDatasetPreview(graph, PREVIEW_SAMPLES);
}
