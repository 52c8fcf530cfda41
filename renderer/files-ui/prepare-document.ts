// A large document is made ready for the store a step at a time, a task each, before it replaces the
// open one (issue 14.6): its missing parameters (1,000 nodes a task), its analysis (the graph index),
// its symbols, its wired part and the float32 offer's count are all memoised per graph, so the
// store's load and the first render find them done instead of running them in the one task that
// also renders the canvas. Small documents load as they always did.
import { wiredPart, type Graph } from '../../engine/index.ts';
import { graphSymbols } from '../../interop/notation/symbols.ts';
import { indexGraph } from '../model/graph-index.ts';
import { missingParamsInSlices } from '../model/graph-ops.ts';
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
  const memoised: ((g: Graph) => unknown)[] = [
    indexGraph,
    graphSymbols,
    wiredPart,
    // The training panel asks on the first render; the count is memoised per graph (any batch size).
    (g) => trainingStepMultiplyAdds(g, 1),
  ];
  const slices = Math.ceil(graph.nodes.length / PARAMS_SLICE), steps = slices + memoised.length;
  const filling = missingParamsInSlices(graph, PARAMS_SLICE);
  let done: Graph | undefined;
  for (let i = 0; done === undefined; i++) {
    progress(i / steps);
    await pause();
    const step = filling.next();
    if (step.done) done = step.value;
  }
  for (const [i, step] of memoised.entries()) {
    progress((slices + i) / steps);
    await pause();
    step(done);
  }
  progress(1);
  await pause();
  return done;
}
