// The one run path: a document in, its results (or its issues) out. The engine worker answers every
// request with it; tests call it in-process. Everything the canvas shows of a run comes from here.
import { analyzeGraph, compileGraph, GraphValidationError, runnablePart, type Graph } from '../../engine/index.ts';
import type { EngineReply } from './protocol.ts';
import { runnableGraph } from './runnable-graph.ts';

type Outcome<R> = R extends unknown ? Omit<R, 'id'> : never;
export type RunOutcome = Outcome<EngineReply>;

/** The program to run, or the document's issues (which name nodes and ports). */
function compileDocument(graph: Graph): ReturnType<typeof compileGraph> | GraphValidationError {
  const runnable = runnableGraph(graph);
  if (runnable === graph) {
    // No dataset preview: compiling validates, so the graph is analysed once.
    try {
      return compileGraph(graph);
    } catch (e) {
      if (e instanceof GraphValidationError) return e;
      throw e;
    }
  }
  // The preview needs a sound graph, so the document's own structure is checked first.
  const issues = analyzeGraph(graph).issues;
  return issues.length > 0 ? new GraphValidationError(issues) : compileGraph(runnable);
}

/**
 * Validates, runs forward and backward, and returns a snapshot of every value and gradient. Nodes
 * that are not wired yet (an input unconnected, or fed by such a node) are left out of the run, so
 * the rest of the graph keeps its numbers (`wiredPart`); any other problem makes the run invalid.
 */
export function runDocument(graph: Graph, now: () => number = () => performance.now()): RunOutcome {
  const t0 = now();
  try {
    const runnable = runnablePart(graph);
    if (!runnable.ok) return { type: 'invalid', issues: [...runnable.issues], ms: now() - t0 };
    const { part } = runnable;
    const program = compileDocument(part.graph);
    if (program instanceof GraphValidationError) return { type: 'invalid', issues: [...program.issues], ms: now() - t0 };
    program.run();
    return { type: 'results', results: program.results(), ms: now() - t0 };
  } catch (e) {
    return { type: 'failed', message: (e as Error).message };
  }
}
