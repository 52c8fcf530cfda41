// A large document is made ready for the store a step at a time, a task each, before it replaces the
// open one (issue 14.6): its missing parameters, its analysis (the graph index) and the float32
// offer's count are memoised per graph, so the store's load finds them done instead of running them
// all in the one task that also renders the canvas. Small documents load as they always did.
import type { Graph } from '../../engine/index.ts';
import { indexGraph } from '../model/graph-index.ts';
import { withMissingParams } from '../model/graph-ops.ts';
import { nextTask } from '../persistence/chunked-read.ts';
import { trainingStepMultiplyAdds } from '../training/step-size.ts';

/** Documents with more nodes than this are prepared in steps. */
export const PREPARE_ABOVE = 1000;


/**
 * The graph the store's load would make of `graph` (the same object when nothing was missing), with
 * its index and step count computed; `progress(share of the steps done)` before each step.
 */
export async function prepareDocument(graph: Graph, progress: (fraction: number) => void, pause: () => Promise<void> = nextTask): Promise<Graph> {
  if (graph.nodes.length <= PREPARE_ABOVE) return graph;
  const steps: ((g: Graph) => Graph)[] = [
    withMissingParams,
    (g) => { indexGraph(g); return g; },
    // The training panel asks on the first render; the count is memoised per graph (any batch size).
    (g) => { trainingStepMultiplyAdds(g, 1); return g; },
  ];
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
