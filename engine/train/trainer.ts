// A step-able trainer: each step() is one whole mini-batch (forward, backward, optimiser update), so
// a worker can pause or stop between any two steps and the parameters are those of the last
// completed step. They live in one ParamStore (`trainer.params`) that the program of every batch
// size aliases, and so can any view of the model (compile it with `{ params: trainer.params }`).
// With `precision: 'float32'` the steps train float32 copies instead (float32.ts), widened into the
// store whenever control returns to the caller, so the store is what every reader sees either way.
import type { TrainingSettings } from '../format/schema.ts';
import { createRng, hashSeed } from '../init.ts';
import { permutation } from '../data/dataset.ts';
import { trainingSettings, TrainingSetupError } from '../data/bindings.ts';
import { firstRunError, type RunDiagnostic } from '../graph/diagnostics.ts';
import { createParamStore, withParameters, type ParamJson, type ParamStore } from '../graph/param-store.ts';
import type { Graph } from '../graph/types.ts';
import { BatchPrograms } from './batch-programs.ts';
import { buildFeed, type DataFeed } from './data-feed.ts';
import { confusion, evaluate, type EvaluationSetup } from './evaluation.ts';
import { meanLoss, predictionOf } from './metrics.ts';
import { firstNonFiniteBackward, firstNonFiniteForward } from './non-finite.ts';
import { createOptimizer } from './optimizers.ts';
import { Penalty } from './penalty.ts';
import type { BatchStep, ConfusionMatrix, EpochRecord, Metrics, StepRecord, TrainerState, TrainingChunk, TrainingFailure, TrainingProgress } from './records.ts';
import { GuardedUpdate } from './update.ts';
import { Float32Params, type Float32Refusal, type Precision } from './float32.ts';
import { TimeBudget, type TimeBudgetOptions } from './time-budget.ts';

export interface TrainerOptions {
  /** Over the graph's saved `training` settings, which are over the defaults. */
  readonly settings?: Partial<TrainingSettings>;
  /**
   * The clock, in milliseconds: only timing (runFor, steps per second) depends on it, never the
   * numbers. Defaults to Date.now, whole milliseconds; hosts pass their own (performance.now).
   */
  readonly now?: () => number;
  /** Evaluation runs the data through in chunks of at most this many samples. */
  readonly evalChunk?: number;
  /** Train until paused or stopped, however many epochs (`settings.epochs` is then not an end). */
  readonly untilStopped?: boolean;
  /**
   * 'float32': train on the fast path (float32.ts) where the graph allows it, else on the exact one,
   * saying why in `float32Refusal`. Default 'float64'.
   */
  readonly precision?: Precision;
  /**
   * Evaluate at an epoch's end only when this share of the clock allows (issue 14.7: a UI keeps the
   * epochs going); the last epoch, pause and stop always evaluate. Default: every epoch.
   */
  readonly evaluationBudget?: TimeBudgetOptions;
}

/** What may change while training runs (setRates): the step size and the regularisation. */
export type TrainingRates = Pick<TrainingSettings, 'learningRate' | 'weightDecay' | 'l1'>;

export function createTrainer(graph: Graph, options: TrainerOptions = {}): Trainer {
  return new Trainer(graph, options);
}

export class Trainer {
  /** What this run trains with; `setRates` changes its rates in place, for the steps that follow. */
  readonly settings: TrainingSettings;
  /** Null: trains until paused or stopped. */
  readonly epochLimit: number | null;
  readonly feed: DataFeed;
  /** The parameters being trained, updated in place after each completed step. */
  readonly params: ParamStore;
  /** Nodes with parameters, in topological order: the rows of every StepRecord.gradNorms. */
  readonly layers: readonly string[];
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly task: 'classification' | 'regression' | null;
  /** What the steps compute in: 'float32' only when asked for and the graph allows it. */
  readonly precision: Precision;
  /** Why float32 was asked for and not given; null otherwise. */
  readonly float32Refusal: Float32Refusal | null = null;

  private readonly graph: Graph;
  private readonly programs: BatchPrograms;
  /** The float32 parameters and the training programs that use them; null on the exact path. */
  private readonly fast: { readonly params: Float32Params; readonly programs: BatchPrograms } | null = null;
  private readonly evaluation: EvaluationSetup;
  private readonly update: GuardedUpdate;
  private readonly shuffle: { readonly rng: () => number; readonly order: Int32Array };
  private readonly now: () => number;
  private state: TrainerState = 'ready';
  private epoch = 0;
  private stepCount = 0;
  private cursor = 0;
  private batchLoss: number | null = null;
  private metrics: Metrics | null = null;
  /** The step `metrics` were evaluated at; -1 before any. */
  private metricsStep = -1;
  private readonly evaluationBudget: TimeBudget | null;
  private failure: TrainingFailure | null = null;
  private busyMs = 0;
  /** Set by stepDetailed() for the one step it takes: the batch's rows and a copy of its gradients. */
  private detail: { rows: number[]; grads: Float64Array[] } | null = null;
  private readonly ownerNames: readonly { readonly nodeId: string; readonly name: string; readonly shape: readonly number[] }[];

  constructor(graph: Graph, options: TrainerOptions = {}) {
    this.graph = graph;
    this.settings = trainingSettings(graph, options.settings);
    this.epochLimit = options.untilStopped ? null : this.settings.epochs;
    this.feed = buildFeed(graph);
    this.now = options.now ?? Date.now;
    this.evaluationBudget = options.evaluationBudget ? new TimeBudget(options.evaluationBudget, () => this.now()) : null;
    this.batchSize = Math.min(this.settings.batchSize, this.feed.trainSize);
    this.stepsPerEpoch = Math.ceil(this.feed.trainSize / this.batchSize);
    this.task = this.feed.dataset?.task ?? null;
    this.params = createParamStore(graph);
    this.programs = new BatchPrograms(graph, this.feed, this.params);

    const p = this.programs.get(this.batchSize).program;
    if (p.lossNodes.length === 0) throw new TrainingSetupError('nodes', 'the graph has no loss node, so there is nothing to minimise; connect a loss (mse, bce or softmax_ce)');
    const owners = p.parameters();
    if (owners.length === 0) throw new TrainingSetupError('nodes', 'no node has parameters, so there is nothing to train; add a linear layer');
    this.ownerNames = owners.map((o) => ({ nodeId: o.nodeId, name: o.name, shape: o.value.shape }));
    if (options.precision === 'float32') {
      const fast = Float32Params.create(p);
      if (fast instanceof Float32Params) this.fast = { params: fast, programs: new BatchPrograms(graph, this.feed, this.params, fast.modules) };
      else this.float32Refusal = fast;
    }
    this.syncParams(); // on the float32 path the store shows the float32 start, what the steps train from
    this.precision = this.fast ? 'float32' : 'float64';
    this.update = new GuardedUpdate(this.fast?.params.owners ?? owners, createOptimizer(this.settings, owners.map((o) => o.value.data.length)), new Penalty(this.settings));
    this.layers = this.update.layers;
    this.shuffle = { rng: createRng(hashSeed(this.settings.seed, 'shuffle')), order: new Int32Array(this.feed.trainSize) };
    const predNodeId = this.task === 'classification' ? predictionOf(p, this.feed.labelsNodeId) : null;
    this.evaluation = { programs: this.programs, feed: this.feed, chunk: Math.max(1, Math.floor(options.evalChunk ?? 512)), predNodeId };
  }

  get currentState(): TrainerState {
    return this.state;
  }

  /** Infinity when training until stopped. */
  get totalSteps(): number {
    return this.epochLimit === null ? Infinity : this.epochLimit * this.stepsPerEpoch;
  }

  /**
   * New learning rate and regularisation from the next mini-batch on, without restarting: the
   * parameters, the optimiser's state (momentum, Adam's moments and step count) and the place in the
   * epoch stay, as when a torch loop assigns `param_group["lr"]`. Checked by the file's schema; a
   * bad value throws a TrainingSetupError naming `training.<field>` and changes nothing.
   */
  setRates(rates: Partial<TrainingRates>): TrainingRates {
    const next = trainingSettings({ name: '', nodes: [], edges: [], training: { ...this.settings, ...rates } });
    this.settings.learningRate = next.learningRate;
    this.settings.weightDecay = next.weightDecay;
    this.settings.l1 = next.l1;
    return this.rates();
  }

  rates(): TrainingRates {
    const { learningRate, weightDecay, l1 } = this.settings;
    return { learningRate, weightDecay, l1 };
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'stopped' || this.state === 'failed';
  }

  /** One mini-batch. Null when training is over (done, stopped or failed). Works while paused (single-stepping). */
  step(): StepRecord | null {
    if (this.finished) return null;
    const record = this.timedBatch();
    this.syncParams();
    return record;
  }

  private timedBatch(): StepRecord | null {
    const t0 = this.now();
    const record = this.trainBatch();
    this.busyMs += this.now() - t0;
    return record;
  }

  /** The float32 parameters into the store, as float64: what anyone reads between two calls. */
  private syncParams(): void {
    this.fast?.params.toStore();
  }

  /** Steps until `ms` have passed (at least one step) or training ends; nothing while paused. */
  runFor(ms: number): TrainingChunk {
    const steps: StepRecord[] = [], epochs: EpochRecord[] = [];
    if (this.state === 'ready') this.state = 'running';
    const start = this.now();
    while (this.state === 'running') {
      const before = this.epoch;
      const record = this.finished ? null : this.timedBatch();
      if (record) steps.push(record);
      if (this.epoch !== before && this.metrics && this.metricsStep === this.stepCount) epochs.push({ ...this.metrics, epoch: this.epoch, step: this.stepCount });
      if (this.now() - start >= ms) break;
    }
    this.syncParams();
    return { progress: this.progress(), steps, epochs };
  }

  /** Between two steps; the metrics are brought up to the current parameters if they are behind. */
  pause(): TrainingProgress {
    if (this.state === 'running' || this.state === 'ready') this.state = 'paused';
    if (this.state === 'paused' && this.stepCount > 0 && this.metricsStep !== this.stepCount) this.refreshMetrics();
    this.syncParams();
    return this.progress();
  }

  resume(): TrainingProgress {
    if (this.state === 'paused') this.state = 'running';
    return this.progress();
  }

  /** Ends training where it stands; the metrics are evaluated for the current parameters. */
  stop(): TrainingProgress {
    if (!this.finished) {
      this.state = 'stopped';
      this.refreshMetrics();
    }
    return this.progress();
  }

  progress(): TrainingProgress {
    return {
      state: this.state, epoch: this.epoch, epochs: this.epochLimit ?? Infinity, step: this.stepCount,
      stepsPerEpoch: this.stepsPerEpoch, totalSteps: this.totalSteps, batchLoss: this.batchLoss,
      metrics: this.metrics, stepsPerSecond: this.busyMs > 0 ? (this.stepCount * 1000) / this.busyMs : 0,
      failure: this.failure, rates: this.rates(), ...(this.fast ? { precision: 'float32' as const } : {}),
    };
  }

  /** Copies of the current parameters, keyed "nodeId" → name → data. */
  parameters(): ParamJson {
    this.syncParams();
    return this.params.toJson();
  }

  /** The input graph with the trained parameters written into its nodes; nothing else changes. */
  trainedGraph(): Graph {
    return withParameters(this.graph, this.parameters());
  }

  /** `metrics` for the current parameters, timed by the evaluation budget when there is one. */
  private refreshMetrics(): void {
    this.metrics = this.evaluationBudget ? this.evaluationBudget.run(() => this.evaluate()) : this.evaluate();
    this.metricsStep = this.stepCount;
  }

  /** Loss (and accuracy for classifiers) over the whole train and test sets, for the current parameters. */
  evaluate(): Metrics {
    this.syncParams();
    return evaluate(this.evaluation);
  }

  /** One mini-batch like step(), returning what it did to every parameter; null when training is over or the step failed. */
  stepDetailed(): BatchStep | null {
    if (this.finished) return null;
    const before = this.ownerNames.map(({ nodeId, name }) => Array.from(this.params.get(nodeId, name)!.data));
    this.detail = { rows: [], grads: [] };
    const record = this.step();
    const detail = this.detail;
    this.detail = null;
    if (!record) return null;
    return {
      record, rows: detail.rows, learningRate: this.settings.learningRate,
      params: this.ownerNames.map((o, i) => ({
        ...o, before: before[i]!, grad: Array.from(detail.grads[i]!), after: Array.from(this.params.get(o.nodeId, o.name)!.data),
      })),
    };
  }

  /** The confusion matrix of a classifier over a split, for the current parameters; null for regression. */
  confusion(split: 'train' | 'test' = 'test'): ConfusionMatrix | null {
    this.syncParams();
    return confusion(this.evaluation, split);
  }

  private trainBatch(): StepRecord | null {
    const n = this.feed.trainSize;
    if (this.cursor === 0) permutation(n, this.shuffle.rng, this.shuffle.order);
    const rows = this.shuffle.order.subarray(this.cursor, Math.min(this.cursor + this.batchSize, n));
    const { program, grads: exactGrads } = (this.fast?.programs ?? this.programs).load(rows, 'train');
    const grads = this.fast ? this.fast.params.gradsOf(program) : exactGrads;
    program.run();
    const loss = meanLoss(program);
    if (!Number.isFinite(loss)) return this.fail('forward', firstNonFiniteForward(program), firstRunError(program.nodes));
    if (this.detail) this.detail = { rows: Array.from(rows), grads: grads.map((g) => Float64Array.from(g)) };
    const norms = this.update.gradNorms(grads);
    if (typeof norms === 'number') return this.fail('backward', firstNonFiniteBackward(program) ?? this.update.owner(norms));
    const penalty = this.update.penaltyValue();
    const bad = this.update.apply(grads);
    if (bad !== null) return this.fail('update', bad);
    this.stepCount++;
    this.batchLoss = loss;
    const record: StepRecord = { step: this.stepCount, epoch: this.epoch, loss, penalty, gradNorms: norms };
    this.cursor += rows.length;
    if (this.cursor >= n) {
      this.cursor = 0;
      this.epoch++;
      const last = this.epochLimit !== null && this.epoch >= this.epochLimit;
      if (last || !this.evaluationBudget || this.evaluationBudget.due()) this.refreshMetrics();
      if (last) this.state = 'done';
    }
    return record;
  }

  private fail(phase: TrainingFailure['phase'], nodeId: string, cause: RunDiagnostic | null = null): null {
    const id = cause?.nodeId ?? nodeId;
    const kind = this.graph.nodes.find((n) => n.id === id)!.kind;
    const what = phase === 'forward' ? 'output' : phase === 'backward' ? 'gradient' : 'parameters after the optimiser update';
    const when = `in epoch ${this.epoch + 1}, step ${this.stepCount + 1}; training stopped with the parameters of the last completed step`;
    this.failure = {
      phase, nodeId: id, kind, epoch: this.epoch + 1, step: this.stepCount + 1,
      // A known cause (bce fed a 1.7) is a wiring problem, not a step size one.
      message: cause ? `${cause.message} (${when})` : `non-finite ${what} at node "${nodeId}" (${kind}) ${when} (try a smaller learning rate)`,
      ...(cause ? { cause } : {}),
    };
    this.state = 'failed';
    return null;
  }
}
