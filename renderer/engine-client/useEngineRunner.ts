// Owns the engine worker for the app's lifetime: every document change is re-run, and replies to
// superseded requests are discarded by id. At most one run is in flight: edits made meanwhile are
// coalesced into one run of the newest document, sent as soon as the worker answers.
import { useEffect } from 'react';
import type { Graph } from '../../engine/index.ts';
import { changesResults, diffGraphs } from '../model/graph-change.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { prepareLabels } from '../canvas/label-text.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';

export function useEngineRunner(): void {
  useEffect(() => {
    // Created here (not at module level) so React 19 StrictMode's double mount terminates the first.
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    let latest = 0;
    /** Id of the request the worker is computing, or 0. */
    let inFlight = 0;
    let lastSent: Graph | null = null;
    const post = (graph: Graph): void => {
      lastSent = graph;
      latest += 1;
      inFlight = latest;
      useRun.getState().started();
      const request: EngineRequest = { type: 'run', id: latest, graph };
      worker.postMessage(request);
    };
    /** Sends the current document unless it computes what was last sent, or a run is in flight. */
    const flush = (): void => {
      const graph = useDocument.getState().graph;
      if (lastSent && !changesResults(diffGraphs(lastSent, graph))) return;
      // The reply in flight is superseded: it is dropped and this document sent when it arrives.
      if (inFlight) useRun.getState().started();
      else post(graph);
    };
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      if (reply.id !== latest) return;
      inFlight = 0;
      const graph = useDocument.getState().graph;
      if (lastSent && changesResults(diffGraphs(lastSent, graph))) {
        post(graph);
        return;
      }
      const run = useRun.getState();
      if (reply.type === 'results') {
        // Label text first, in slices; then labels, status and inspector switch in one commit.
        const stillLatest = (): boolean => reply.id === latest && !inFlight;
        void prepareLabels(reply.results, stillLatest).then((ok) => { if (ok) useRun.getState().succeeded(reply.results, reply.ms); });
      } else if (reply.type === 'invalid') run.invalid(reply.issues, reply.ms);
      else run.failed(reply.message);
    };
    worker.onerror = (e) => {
      inFlight = 0;
      useRun.getState().failed(e.message || 'the engine worker crashed');
    };
    post(useDocument.getState().graph);
    // Synchronously, so the worker computes while React renders the edit on this thread.
    const unsubscribe = useDocument.subscribe((s, prev) => { if (s.graph !== prev.graph) flush(); });
    return () => {
      unsubscribe();
      worker.terminate();
    };
  }, []);
}
