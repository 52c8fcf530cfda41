// The UI end of the engine worker, and so the one producer of run results: the document after every
// change, and the parameters a training run has reached, are run by the worker (run-document.ts) and
// published to the run store. At most one run is in flight: what changes meanwhile is coalesced into
// one run of the newest state, sent as soon as the worker answers; a reply to a superseded request
// is dropped, except between two views of a training run's parameters (below). Created once by the
// app's services; started and stopped with them.
import { withDatasetRows, withParameters, type EdgeResult, type Graph } from '../../engine/index.ts';
import type { LabelPreparer } from '../canvas/label-text.ts';
import { changesModel, changesResults, diffGraphs } from '../model/graph-change.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';
import type { ParamMap } from '../training/protocol.ts';
import { numbersPatch } from './numbers-patch.ts';
import { unpackLabels, unpackResults, type PackedLabels, type ResultsLayout } from './packed-results.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';

/** What the client needs of a worker (the real one, or an in-process stand-in in tests). */
export interface EngineWorkerLike {
  postMessage(request: EngineRequest, transfer?: Transferable[]): void;
  onmessage: ((event: { data: EngineReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

// A Worker's handlers receive full events; the client reads only `data` and `message`.
export const createEngineWorker = (): EngineWorkerLike => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as EngineWorkerLike;

/** A run whose labels are being shown: its other numbers are published once both have arrived. */
interface AwaitedRun {
  readonly id: number;
  readonly layout: ResultsLayout;
  readonly run: PackedLabels;
  readonly labels: Readonly<Record<string, EdgeResult>>;
  readonly ms: number;
  /** The labels are in the run store. */
  shown: boolean;
  /** The worker's answer (null: its numbers were replaced by a later run); undefined until it comes. */
  data?: Float64Array | null;
}

export class EngineClient {
  private worker: EngineWorkerLike | null = null;
  private latest = 0;
  /** Id of the request the worker is computing, or 0. */
  private inFlight = 0;
  private lastSent: Graph | null = null;
  /** The document the worker's runner holds (the last one sent to it), which a numbers-only request patches; null after a crash. */
  private workerGraph: Graph | null = null;
  /** Where each tensor sits in the worker's packed results; it sends a new one with each new program. */
  private layout: ResultsLayout | null = null;
  /** Whether the last request was a training run's parameters rather than the document. */
  private lastSentTrained = false;
  /** Id of the newest reply received. */
  private received = 0;
  /** Parameters a training run reached, shown while the document is still the model it started from. */
  private trained: { readonly base: Graph; readonly params: ParamMap; readonly rows?: readonly number[] } | null = null;
  private trainedGraph: { readonly graph: Graph; readonly trained: NonNullable<EngineClient['trained']>; readonly result: Graph } | null = null;
  private preparing = 0;
  /** The run to be shown whose other numbers were asked for (`full`), until they are in the run store. */
  private awaitingFull: AwaitedRun | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: { readonly createWorker: () => EngineWorkerLike; readonly labels: LabelPreparer }) {}

  /** Creates the worker, runs the document and follows its changes; returns the stop. */
  start(): () => void {
    const worker = this.deps.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (e) => {
      this.inFlight = 0;
      this.awaitingFull = null;
      this.workerGraph = null; // its runner's state is unknown: the next request compiles afresh
      useRun.getState().failed(e.message || 'the engine worker crashed');
      this.notifyIdle();
    };
    this.post(this.wanted());
    // Synchronously, so the worker computes while React renders the edit on this thread.
    const unsubscribe = useDocument.subscribe((s, prev) => { if (s.graph !== prev.graph) this.flush(); });
    return () => {
      unsubscribe();
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      this.inFlight = 0;
      this.lastSent = null;
      this.workerGraph = null;
      this.layout = null;
      this.awaitingFull = null;
      this.lastSentTrained = false;
      this.trained = null;
      this.notifyIdle();
    };
  }

  /** Shows what a training run has reached: `base` (the document it started from) with `params`, on the preview samples or on given training rows. */
  showTrainedParameters(base: Graph, params: ParamMap, rows?: readonly number[]): void {
    this.trained = rows ? { base, params, rows } : { base, params };
    this.flush();
  }

  /** Back to the document's own parameters (a new run or a new document). */
  clearTrainedParameters(): void {
    if (!this.trained) return;
    this.trained = null;
    this.flush();
  }

  /** Resolves once no run is in flight or being prepared (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The document, or the document with the trained parameters while they still fit it. */
  private wanted(): Graph {
    const graph = useDocument.getState().graph;
    const trained = this.trained;
    if (!trained || changesModel(diffGraphs(trained.base, graph))) return graph;
    const hit = this.trainedGraph;
    if (hit && hit.graph === graph && hit.trained === trained) return hit.result;
    // A single step shows its own mini-batch (rows) with the parameters it started from.
    const result = withParameters(trained.rows ? withDatasetRows(graph, trained.rows) : graph, trained.params);
    this.trainedGraph = { graph, trained, result };
    return result;
  }

  private post(graph: Graph): void {
    if (!this.worker) return;
    this.lastSent = graph;
    this.lastSentTrained = graph !== useDocument.getState().graph;
    this.latest += 1;
    this.inFlight = this.latest;
    // A training run's parameters are not an edit: the status stays as it is while they are shown.
    if (graph === useDocument.getState().graph) useRun.getState().started();
    const nodes = this.workerGraph && numbersPatch(this.workerGraph, graph);
    this.workerGraph = graph;
    const labels = this.deps.labels.mountedEdges();
    this.worker.postMessage(nodes ? { type: 'numbers', id: this.latest, nodes, labels } : { type: 'run', id: this.latest, graph, labels });
  }

  /** Sends the newest state unless it computes what was last sent, or a run is in flight. */
  private flush(): void {
    const graph = this.wanted();
    if (this.lastSent && !changesResults(diffGraphs(this.lastSent, graph))) return;
    // The reply in flight is superseded: it is dropped and this state sent when it arrives.
    if (!this.inFlight) this.post(graph);
    else if (graph === useDocument.getState().graph) useRun.getState().started();
  }

  private receive(reply: EngineReply): void {
    if (reply.type === 'full') return this.receiveFull(reply.id, reply.data);
    // Kept even from a reply that is dropped: later replies of the same program come without it.
    if (reply.type === 'results' && reply.results.layout) this.layout = reply.results.layout;
    if (reply.id !== this.latest) return;
    this.inFlight = 0;
    this.received = reply.id;
    const replyTrained = this.lastSentTrained;
    const graph = this.wanted();
    const superseded = this.lastSent !== null && changesResults(diffGraphs(this.lastSent, graph));
    // Training sends new parameters every 500 ms: on a loaded machine a run and its labels can take
    // longer, and dropping every superseded reply would leave the labels frozen. A reply for an
    // earlier point of the same run is a complete, consistent state: it is shown while the newer one
    // is computed. A reply for an edited document is not: it is dropped.
    const shown = !superseded || (replyTrained && graph !== useDocument.getState().graph);
    // Asked before the next request, so the worker still holds this run's numbers when it answers.
    const awaited = shown && reply.type === 'results' ? this.askForAll(reply) : null;
    if (superseded) this.post(graph);
    if (!shown) return;
    const run = useRun.getState();
    if (awaited) {
      // Label text first, in slices; then the labels switch in one commit, and the run's other numbers
      // follow in another. A training view gives way only to a newer reply, a document's to any newer request.
      const stillLatest = replyTrained ? (): boolean => this.received === awaited.id : (): boolean => awaited.id === this.latest && !this.inFlight;
      this.preparing++;
      void this.deps.labels.prepare(awaited.labels, stillLatest, useView.getState().labelMode)
        .then((ok) => {
          if (this.awaitingFull !== awaited) return;
          if (!ok) { this.awaitingFull = null; return; }
          useRun.getState().labelsArrived(awaited.labels);
          awaited.shown = true;
          if (awaited.data !== undefined) this.publishAll(awaited);
        })
        .finally(() => { this.preparing--; this.notifyIdle(); });
      return;
    }
    if (reply.type === 'invalid') run.invalid(reply.issues, reply.ms);
    else if (reply.type === 'failed') run.failed(reply.message);
    this.notifyIdle();
  }

  /** Asks the worker for every number of a run whose labels are about to be shown. */
  private askForAll(reply: Extract<EngineReply, { type: 'results' }>): AwaitedRun {
    const layout = this.layout!;
    const awaited: AwaitedRun = { id: reply.id, layout, run: reply.results, labels: unpackLabels(layout, reply.results), ms: reply.ms, shown: false };
    this.awaitingFull = awaited;
    this.worker!.postMessage({ type: 'full', id: reply.id });
    return awaited;
  }

  private receiveFull(id: number, data: Float64Array | null): void {
    const awaited = this.awaitingFull;
    if (awaited?.id !== id) return; // dropped: a newer run is shown, and its own numbers follow
    awaited.data = data;
    if (awaited.shown) this.publishAll(awaited);
  }

  /** Every number of the run whose labels are shown, into the run store beside those labels. */
  private publishAll(awaited: AwaitedRun): void {
    this.awaitingFull = null;
    // Null: a training view whose numbers a newer run replaced in the worker; that run's reply follows.
    if (awaited.data) {
      const results = unpackResults(awaited.layout, awaited.data, awaited.run, awaited.labels);
      useRun.getState().succeeded(results, awaited.ms, this.inFlight !== 0 && !this.lastSentTrained);
    }
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.preparing === 0 && this.awaitingFull === null;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
