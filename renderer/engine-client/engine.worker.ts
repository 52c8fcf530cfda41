// Runs the engine off the UI thread: validate, forward, backward, and post a snapshot of everything.
import { analyzeGraph, compileGraph, GraphValidationError, type Graph } from '../../engine/index.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';
import { runnableGraph } from './runnable-graph.ts';

const post = (reply: EngineReply): void => (self as unknown as { postMessage(m: EngineReply): void }).postMessage(reply);

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

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, graph } = event.data;
  const t0 = performance.now();
  try {
    const program = compileDocument(graph);
    if (program instanceof GraphValidationError) {
      post({ type: 'invalid', id, issues: [...program.issues], ms: performance.now() - t0 });
      return;
    }
    program.run();
    post({ type: 'results', id, results: program.results(), ms: performance.now() - t0 });
  } catch (e) {
    post({ type: 'failed', id, message: (e as Error).message });
  }
};
