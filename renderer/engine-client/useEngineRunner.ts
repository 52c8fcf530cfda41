// Owns the engine worker for the app's lifetime: every document change is re-run (debounced), and
// replies to superseded requests are discarded by id.
import { useEffect } from 'react';
import type { Graph } from '../../engine/index.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';

export const RUN_DEBOUNCE_MS = 50;

/** Position-only changes do not alter any number, so they do not trigger a run. */
function runKey(g: Graph): string {
  return JSON.stringify({ seed: g.seed, nodes: g.nodes.map(({ position: _p, ...rest }) => rest), edges: g.edges });
}

export function useEngineRunner(): void {
  useEffect(() => {
    // Created here (not at module level) so React 19 StrictMode's double mount terminates the first.
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastKey = '';
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      if (reply.id !== latest) return;
      const run = useRun.getState();
      if (reply.type === 'results') run.succeeded(reply.results, reply.ms);
      else if (reply.type === 'invalid') run.invalid(reply.issues, reply.ms);
      else run.failed(reply.message);
    };
    worker.onerror = (e) => useRun.getState().failed(e.message || 'the engine worker crashed');
    const send = (graph: Graph): void => {
      const key = runKey(graph);
      if (key === lastKey) return;
      lastKey = key;
      latest += 1;
      useRun.getState().started();
      const request: EngineRequest = { type: 'run', id: latest, graph };
      worker.postMessage(request);
    };
    send(useDocument.getState().graph);
    const unsubscribe = useDocument.subscribe((s, prev) => {
      if (s.graph === prev.graph) return;
      clearTimeout(timer);
      timer = setTimeout(() => send(useDocument.getState().graph), RUN_DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      worker.terminate();
    };
  }, []);
}
