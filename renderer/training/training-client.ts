// The UI end of the training worker. The dock creates the worker in an effect (terminated on cleanup,
// so React 19 StrictMode's double mount leaves one); panels call the verbs below. Replies are handled
// in reply-handler.ts.
import type { Graph, ParamRef, TrainingSettings } from '../../engine/index.ts';
import { newRequestId, useAnalysis } from '../analysis/analysis-store.ts';
import { useDocument } from '../store/document-store.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';
import { discardPending, handleReply } from './reply-handler.ts';
import { useTraining } from './training-store.ts';

let worker: Worker | null = null;

function send(req: WorkerRequest): void {
  worker?.postMessage(req);
}

/** Starts the worker; returns its cleanup. */
export function startTrainingWorker(): () => void {
  const w = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  w.onmessage = (e: MessageEvent<WorkerReply>) => handleReply(e.data);
  w.onerror = (e) => useTraining.getState().apply({ type: 'train-error', message: e.message || 'the training worker crashed', nodeId: null });
  return () => {
    w.terminate();
    discardPending();
    if (worker === w) worker = null;
    useTraining.getState().reset();
  };
}

export const training = {
  start(settings: Partial<TrainingSettings>): void {
    const graph = useDocument.getState().graph;
    discardPending(); // a restart replaces the running session: its unshown progress is not this run's
    useTraining.getState().begin(graph);
    send({ type: 'train', graph, settings });
  },
  pause: () => send({ type: 'pause' }),
  resume: () => send({ type: 'resume' }),
  stop: () => send({ type: 'stop' }),
};

export const analysis = {
  jacobian(graph: Graph, nodeId: string, sample: number): void {
    const id = newRequestId();
    useAnalysis.getState().requested('jacobian', id);
    send({ type: 'jacobian', id, graph, nodeId, sample });
  },
  hessian(graph: Graph, params: ParamRef[]): void {
    const id = newRequestId();
    useAnalysis.getState().requested('hessian', id);
    send({ type: 'hessian', id, graph, params });
  },
  gradcheck(graph: Graph): void {
    const id = newRequestId();
    useAnalysis.getState().requestedGradcheck(id, graph);
    send({ type: 'gradcheck', id, graph });
  },
};
