// Owns the engine worker for the app's lifetime: every document change is re-run, and replies to
// superseded requests are discarded by id. At most one run is in flight: edits made meanwhile are
// coalesced into one run of the newest document, sent as soon as the worker answers.
import { useEffect } from 'react';
import type { Graph, GraphNode } from '../../engine/index.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { prepareLabels } from '../canvas/label-text.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';

/** Everything of a node that affects the numbers (all but its position). */
/** Every field but the position is the same object (edits replace what they change). */
function sameButPosition(x: GraphNode, y: GraphNode): boolean {
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => k === 'position' || x[k] === y[k]);
}

function nodeKey({ position: _p, ...rest }: GraphNode): string {
  return JSON.stringify(rest);
}

/**
 * Whether two documents compute the same numbers. Position-only changes do not alter any number,
 * so they do not trigger a run. Unchanged nodes keep their config/params/value objects (the graph
 * ops copy only what they change), so only changed nodes are serialised.
 */
export function sameComputation(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.seed !== b.seed || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  // Bound inputs draw their samples from graph.datasets: a new noise or seed is a new computation.
  if (a.datasets !== b.datasets && JSON.stringify(a.datasets) !== JSON.stringify(b.datasets)) return false;
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]!, y = b.edges[i]!;
    if (x !== y && (x.id !== y.id || x.source !== y.source || x.sourcePort !== y.sourcePort || x.target !== y.target || x.targetPort !== y.targetPort)) return false;
  }
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!, y = b.nodes[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.kind !== y.kind) return false;
    if (sameButPosition(x, y)) continue;
    if (nodeKey(x) !== nodeKey(y)) return false;
  }
  return true;
}

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
      if (lastSent && sameComputation(lastSent, graph)) return;
      // The reply in flight is superseded: it is dropped and this document sent when it arrives.
      if (inFlight) useRun.getState().started();
      else post(graph);
    };
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      if (reply.id !== latest) return;
      inFlight = 0;
      const graph = useDocument.getState().graph;
      if (lastSent && !sameComputation(lastSent, graph)) {
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
