// What a node shows beyond its config: the shape of what actually ran, and where a bound data node
// takes its rows from. Pure functions of the document and the run results.
import { graphDatasets, nodeBinding, type Graph, type GraphNode } from '../../engine/index.ts';

/**
 * The shape to show on a node: the analysed shape of the document ("[1, 32]" for a dataset-bound
 * graph, whose nodes hold no rows), or the shape that ran ("[4, 32]" with the 4-sample dataset
 * preview) when the two agree on everything but the batch. A run of an older document (other
 * feature sizes) does not override the analysis.
 */
export function displayedShape(analysed: string | undefined, ran: string | undefined): string | undefined {
  if (!analysed || !ran) return analysed;
  const tail = (s: string): string | null => /^\[\d+(,.*)\]$/.exec(s)?.[1] ?? null;
  const a = tail(analysed);
  return a !== null && a === tail(ran) ? ran : analysed;
}

const boundCache = new WeakMap<Graph, Map<string, string | null>>();

/** "moons · features" for a data node bound to a generated dataset (its name for an embedded one). */
export function boundDataText(graph: Graph, node: GraphNode): string | null {
  if (node.binding === undefined) return null;
  let byId = boundCache.get(graph);
  if (!byId) boundCache.set(graph, byId = new Map());
  const hit = byId.get(node.id);
  if (hit !== undefined) return hit;
  let text: string | null = null;
  try {
    const b = nodeBinding(node);
    if (b) {
      const spec = graphDatasets(graph)[b.dataset];
      const source = spec?.source === 'generated' ? spec.generator : spec?.source === 'bundled' ? spec.name : b.dataset;
      text = `${source} · ${b.field}`;
    }
  } catch {
    text = null; // a broken binding is reported by the training panel
  }
  byId.set(node.id, text);
  return text;
}
