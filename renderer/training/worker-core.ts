// The worker's logic without the worker: a message in, replies out through `post`, and the training
// loop continued through `schedule` (setTimeout 0 in the worker) so pause and stop get in between
// chunks. Unit tests drive it with a manual scheduler.
import {
  createTrainer, TimeBudget, TrainingSetupError, type TimeBudgetOptions,
  type Graph, type Precision, type StepRecord, type Trainer, type TrainingRates, type TrainingSettings,
} from '../../engine/index.ts';
import { createBoundary, type BoundaryEvaluator } from './boundary.ts';
import { classesReport, hasClasses } from './classes.ts';
import type { StepColumns, WorkerReply, WorkerRequest } from './protocol.ts';

export const CHUNK_MS = 50;
export const LIVE_EVERY_MS = 500;
/** The epoch-end evaluation and the boundary picture take at most these shares of the clock (issue 14.7). */
export const EVALUATION_BUDGET: TimeBudgetOptions = { share: 0.05 };
export const GRID_BUDGET: TimeBudgetOptions = { share: 0.05, minIntervalMs: 300 };

export interface CoreEnv {
  post(reply: WorkerReply): void;
  schedule(fn: () => void): void;
  now(): number;
}

interface Session {
  readonly trainer: Trainer;
  readonly graph: Graph;
  readonly boundary: BoundaryEvaluator | null;
  /** More than two classes: the confusion matrix goes with every boundary picture. */
  readonly classes: boolean;
  readonly grid: TimeBudget;
  lastLive: number;
  scheduled: boolean;
}

export function columns(steps: readonly StepRecord[], layers: number): StepColumns {
  return {
    step: Float64Array.from(steps, (s) => s.step),
    loss: Float64Array.from(steps, (s) => s.loss),
    penalty: Float64Array.from(steps, (s) => s.penalty),
    gradNorms: Array.from({ length: layers }, (_, l) => Float64Array.from(steps, (s) => s.gradNorms[l] ?? 0)),
  };
}

export class WorkerCore {
  private session: Session | null = null;
  constructor(private readonly env: CoreEnv) {}

  handle(req: WorkerRequest): void {
    switch (req.type) {
      case 'train': return this.train(req.graph, req.settings, true, req.untilStopped, req.precision);
      case 'step-batch': return this.stepBatch(req.graph, req.settings, req.untilStopped, req.precision);
      case 'set-rates': return this.setRates(req.rates);
      case 'pause': {
        const s = this.session;
        if (!s) return;
        this.env.post({ type: 'progress', progress: s.trainer.pause(), steps: columns([], s.trainer.layers.length), epochs: [] });
        this.postGrid(s); // the picture, like the metrics, is of the parameters paused at
        this.postLive(s); // the canvas shows the paused parameters (float64, widened by the trainer), not the last live ones
        return;
      }
      case 'resume': {
        const s = this.session;
        if (!s) return;
        s.trainer.resume();
        this.loop(s);
        return;
      }
      case 'stop': {
        const s = this.session;
        if (!s) return;
        s.trainer.stop();
        this.finish(s);
        return;
      }
    }
  }

  /** The running loop picks the new rates up at its next mini-batch; the progress says which apply. */
  private setRates(rates: Partial<TrainingRates>): void {
    const s = this.session;
    if (!s) return;
    try {
      s.trainer.setRates(rates);
    } catch (e) {
      this.env.post({ type: 'train-error', message: (e as Error).message, nodeId: null });
      return;
    }
    this.env.post({ type: 'progress', progress: s.trainer.progress(), steps: columns([], s.trainer.layers.length), epochs: [] });
  }

  /** One detailed mini-batch, then paused; with a graph, of a new session (Resume trains on from there). */
  private stepBatch(graph: Graph | undefined, settings: Partial<TrainingSettings> = {}, untilStopped = false, precision?: Precision): void {
    if (graph) this.train(graph, settings, false, untilStopped, precision);
    const s = this.session;
    if (!s) return;
    s.trainer.pause();
    const epochBefore = s.trainer.progress().epoch;
    const detail = s.trainer.stepDetailed();
    const progress = s.trainer.progress();
    const epochs = progress.epoch > epochBefore && progress.metrics ? [{ ...progress.metrics, epoch: progress.epoch, step: progress.step }] : [];
    this.env.post({ type: 'progress', progress, steps: columns(detail ? [detail.record] : [], s.trainer.layers.length), epochs });
    if (detail) this.env.post({ type: 'batch', step: detail });
    if (s.trainer.finished) return this.finish(s);
    this.postGrid(s);
  }

  private train(graph: Graph, settings: Partial<TrainingSettings>, run = true, untilStopped = false, precision: Precision = 'float64'): void {
    this.session = null; // a new train request replaces a running session
    let trainer: Trainer;
    try {
      trainer = createTrainer(graph, { settings, untilStopped, precision, evaluationBudget: EVALUATION_BUDGET, now: () => this.env.now() }); // the worker's clock (performance.now)
    } catch (e) {
      const nodeId = e instanceof TrainingSetupError ? (e.nodeId ?? null) : null;
      this.env.post({ type: 'train-error', message: (e as Error).message, nodeId });
      return;
    }
    let boundary: BoundaryEvaluator | null = null;
    try {
      boundary = createBoundary(graph, trainer);
    } catch {
      boundary = null; // the picture is optional: training goes on without it
    }
    const s: Session = { trainer, graph, boundary, classes: hasClasses(trainer), grid: new TimeBudget(GRID_BUDGET, () => this.env.now()), lastLive: this.env.now(), scheduled: false };
    this.session = s;
    this.env.post({ type: 'started', layers: [...trainer.layers], progress: trainer.progress(), boundary: boundary?.view ?? null, accuracy: trainer.task === 'classification', ...(trainer.float32Refusal ? { float32Refusal: trainer.float32Refusal } : {}) });
    if (!run) return;
    this.postGrid(s);
    this.loop(s);
  }

  private loop(s: Session): void {
    if (s.scheduled) return;
    s.scheduled = true;
    this.env.schedule(() => {
      s.scheduled = false;
      if (this.session !== s) return;
      this.tick(s);
    });
  }

  private tick(s: Session): void {
    const chunk = s.trainer.runFor(CHUNK_MS);
    this.env.post({ type: 'progress', progress: chunk.progress, steps: columns(chunk.steps, s.trainer.layers.length), epochs: chunk.epochs });
    if (s.trainer.finished) return this.finish(s);
    const t = this.env.now();
    if (s.grid.due()) this.postGrid(s);
    if (t - s.lastLive >= LIVE_EVERY_MS) this.postLive(s);
    if (s.trainer.currentState === 'running') this.loop(s);
  }

  private finish(s: Session): void {
    this.postGrid(s);
    this.postLive(s);
    this.env.post({ type: 'finished', progress: s.trainer.progress(), params: s.trainer.parameters(), settings: { ...s.trainer.settings } });
    if (this.session === s) this.session = null;
  }

  /** The boundary picture (and the confusion matrix) now, timed for the grid budget. */
  private postGrid(s: Session): void {
    s.grid.run(() => {
      if (s.boundary) this.env.post({ type: 'grid', grid: s.boundary.evaluate(s.trainer.progress().step) });
      const report = s.classes ? classesReport(s.trainer, s.graph) : null;
      if (report) this.env.post({ type: 'classes', report });
    });
  }

  /** The parameters reached so far: the UI's engine client runs the document with them for the canvas. */
  private postLive(s: Session): void {
    s.lastLive = this.env.now();
    this.env.post({ type: 'live', params: s.trainer.parameters() });
  }
}
