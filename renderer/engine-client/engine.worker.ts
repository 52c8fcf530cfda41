// Runs the engine off the UI thread: validate, forward, backward, and post a snapshot of everything.
import { analyzeGraph, compileGraph } from '../../engine/index.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';
import { runnableGraph } from './runnable-graph.ts';

const post = (reply: EngineReply): void => (self as unknown as { postMessage(m: EngineReply): void }).postMessage(reply);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, graph } = event.data;
  const t0 = performance.now();
  try {
    // Structure first (the issues name nodes and ports), then the dataset preview, which needs a sound graph.
    const issues = analyzeGraph(graph).issues;
    if (issues.length > 0) {
      post({ type: 'invalid', id, issues, ms: performance.now() - t0 });
      return;
    }
    const program = compileGraph(runnableGraph(graph));
    program.run();
    post({ type: 'results', id, results: program.results(), ms: performance.now() - t0 });
  } catch (e) {
    post({ type: 'failed', id, message: (e as Error).message });
  }
};
