// The UI end of the training worker. Created once by the app's services and started with them (the
// worker is terminated on stop, so React 19 StrictMode's double mount leaves one); panels call its
// verbs. Training replies stream in and go to the ReplyHandler; analysis is request/response through
// comlink on a port of its own, so no request ids travel: the analysis store's ids only decide which
// answer is the latest of its kind.
import * as Comlink from 'comlink';
import { wiredPart, type Graph, type ParamRef, type Precision, type TrainingRates, type TrainingSettings } from '../../engine/index.ts';
import { newRequestId, useAnalysis } from '../analysis/analysis-store.ts';
import { useDocument } from '../store/document-store.ts';
import type { AnalysisApi, AnalysisReply, AnalysisRequest, ConnectAnalysis, WorkerReply, WorkerRequest } from './protocol.ts';
import { ReplyHandler, type TrainedParametersView } from './reply-handler.ts';
import { useTraining } from './training-store.ts';

/** What the client needs of a worker (the real one, or an in-process stand-in in tests). */
export interface TrainingWorkerLike {
  postMessage(message: WorkerRequest | ConnectAnalysis, transfer?: Transferable[]): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

// A Worker's handlers receive full events; the client reads only `data` and `message`.
export const createTrainingWorker = (): TrainingWorkerLike => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' }) as unknown as TrainingWorkerLike;

export class TrainingClient {
  readonly replies: ReplyHandler;
  private worker: TrainingWorkerLike | null = null;
  private analysis: Comlink.Remote<AnalysisApi> | null = null;

  constructor(private readonly deps: { readonly createWorker: () => TrainingWorkerLike; readonly engine: TrainedParametersView & { clearTrainedParameters(): void } }) {
    this.replies = new ReplyHandler(deps.engine);
  }

  /** Creates the worker and its analysis port; returns the stop. */
  start(): () => void {
    const w = this.deps.createWorker();
    this.worker = w;
    w.onmessage = (e) => this.replies.handle(e.data);
    w.onerror = (e) => useTraining.getState().apply({ type: 'train-error', message: e.message || 'the training worker crashed', nodeId: null });
    const channel = new MessageChannel();
    w.postMessage({ type: 'connect-analysis', port: channel.port2 }, [channel.port2]);
    const analysis = Comlink.wrap<AnalysisApi>(channel.port1);
    this.analysis = analysis;
    return () => {
      analysis[Comlink.releaseProxy]();
      channel.port1.close();
      w.terminate();
      this.replies.discardPending();
      if (this.worker === w) { this.worker = null; this.analysis = null; }
      useTraining.getState().reset();
    };
  }

  /** Trains the document with `settings` over its saved ones (`untilStopped`: until paused or stopped) in `precision`; a running session is replaced. */
  train(settings: Partial<TrainingSettings>, untilStopped = false, precision: Precision = 'float64'): void {
    const graph = useDocument.getState().graph;
    this.replies.discardPending(); // a restart replaces the running session: its unshown progress is not this run's
    this.deps.engine.clearTrainedParameters();
    useTraining.getState().begin(graph);
    // Nodes not wired yet stay out of training, as they stay out of runs; their parameters are kept.
    this.send({ type: 'train', graph: wiredPart(graph).graph, settings, untilStopped, precision });
  }

  /** One mini-batch: of the paused run, or of a new run of the document (`fresh`), which stays paused after it. */
  stepBatch(settings: Partial<TrainingSettings>, fresh: boolean, untilStopped = false, precision: Precision = 'float64'): void {
    if (!fresh) return this.send({ type: 'step-batch' });
    const graph = useDocument.getState().graph;
    this.replies.discardPending();
    this.deps.engine.clearTrainedParameters();
    useTraining.getState().begin(graph);
    this.send({ type: 'step-batch', graph, settings, untilStopped, precision });
  }

  /** New learning rate and regularisation for the active run, from its next mini-batch on (no restart). */
  setRates(rates: Partial<TrainingRates>): void { this.send({ type: 'set-rates', rates }); }
  pause(): void { this.send({ type: 'pause' }); }
  resume(): void { this.send({ type: 'resume' }); }
  stop(): void { this.send({ type: 'stop' }); }

  jacobian(graph: Graph, nodeId: string, sample: number): Promise<void> {
    const id = newRequestId();
    useAnalysis.getState().requested('jacobian', id);
    return this.ask(id, 'jacobian', (api) => api.jacobian(graph, nodeId, sample), (report) => ({ type: 'jacobian-result', id, report }));
  }

  hessian(graph: Graph, params: readonly ParamRef[]): Promise<void> {
    const id = newRequestId();
    useAnalysis.getState().requested('hessian', id);
    return this.ask(id, 'hessian', (api) => api.hessian(graph, params), (report) => ({ type: 'hessian-result', id, report }));
  }

  gradcheck(graph: Graph): Promise<void> {
    const id = newRequestId();
    useAnalysis.getState().requestedGradcheck(id, graph);
    return this.ask(id, 'gradcheck', (api) => api.gradcheck(graph), (report) => ({ type: 'gradcheck-result', id, report }));
  }

  private send(request: WorkerRequest): void {
    this.worker?.postMessage(request);
  }

  /** One analysis call: its report or its error goes to the analysis store under the request's id. */
  private async ask<R>(id: number, request: AnalysisRequest, call: (api: Comlink.Remote<AnalysisApi>) => Promise<R>, done: (report: R) => AnalysisReply): Promise<void> {
    const api = this.analysis;
    if (!api) return;
    let reply: AnalysisReply;
    try {
      reply = done(await call(api));
    } catch (e) {
      reply = { type: 'analysis-error', id, request, message: e instanceof Error ? e.message : String(e) };
    }
    useAnalysis.getState().apply(reply);
  }
}
