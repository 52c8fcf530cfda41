// A large document is made ready for the store a step at a time, a task each, before it replaces the
// open one (issue 14.6): its missing parameters, its analysis (the graph index) and the float32
// offer's count are memoised per graph, so the store's load finds them done instead of running them
// all in the one task that also renders the canvas. Small documents load as they always did.
import { wiredPart, type Graph } from '../../engine/index.ts';
import { graphSymbols } from '../../interop/notation/symbols.ts';
import { indexGraph } from '../model/graph-index.ts';
import { withMissingParams } from '../model/graph-ops.ts';
import { nextTask } from '../persistence/chunked-read.ts';
import { trainingStepMultiplyAdds } from '../training/step-size.ts';

/** Documents with more nodes than this are prepared in steps. */
export const PREPARE_ABOVE = 1000;
/** Nodes given their missing parameters per task. */
const PARAMS_SLICE = 1000;


/**
 * The graph the store's load would make of `graph` (the same object when nothing was missing), with
 * its index and step count computed; `progress(share of the steps done)` before each step.
 */
export async function prepareDocument(graph: Graph, progress: (fraction: number) => void, pause: () => Promise<void> = nextTask): Promise<Graph> {
  if (graph.nodes.length <= PREPARE_ABOVE) return graph;
  // withMissingParams gives each node its own (seeded per node), so slices of nodes add up to it.
  const filled: Graph['nodes'][number][] = [];
  const steps: ((g: Graph) => Graph)[] = [];
  for (let at = 0; at < graph.nodes.length; at += PARAMS_SLICE) {
    steps.push((g) => { filled.push(...withMissingParams({ ...g, nodes: g.nodes.slice(at, at + PARAMS_SLICE) }).nodes); return g; });
  }
  steps.push(
    (g) => (filled.every((n, i) => n === g.nodes[i]) ? g : { ...g, nodes: filled }),
    (g) => { indexGraph(g); return g; },
    (g) => { graphSymbols(g); return g; },
    (g) => { wiredPart(g); return g; },
    // The training panel asks on the first render; the count is memoised per graph (any batch size).
    (g) => { trainingStepMultiplyAdds(g, 1); return g; },
  );
  let done = graph;
  for (const [i, step] of steps.entries()) {
    progress(i / steps.length);
    await pause();
    done = step(done);
  }
  progress(1);
  await pause();
  return done;
}
