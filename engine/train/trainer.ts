// A step-able trainer: each step() is one whole mini-batch (forward, backward, optimiser update), so
// a worker can pause or stop between any two steps and the parameters are those of the last
// completed step. Programs are compiled per batch size (the last partial batch and evaluation
// chunks differ) and all share one set of parameters, the master copy held by the main program.
import type { TrainingSettings } from '../format/schema.ts';
import { createRng, hashSeed } from '../init.ts';
import { gatherRows, permutation } from '../data/dataset.ts';
import { trainingSettings, TrainingSetupError } from '../data/bindings.ts';
import { compileGraph, type Program } from '../graph/program.ts';
import type { Graph, GraphNode } from '../graph/types.ts';
import type { TensorJson } from '../tensor.ts';
import { buildFeed, type DataFeed, type DataSource } from './data-feed.ts';
import { countCorrect, meanLoss, predictionOf } from './metrics.ts';
import { allFinite, firstNonFiniteBackward, firstNonFiniteForward } from './non-finite.ts';
import { createOptimizer, type Optimizer } from './optimizers.ts';

export type TrainerState = 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface TrainingFailure {
  /** forward: a node's output; backward: a gradient its VJP produced; update: the optimiser's result. */
  readonly phase: 'forward' | 'backward' | 'update';
  readonly nodeId: string;
  readonly kind: string;
  readonly epoch: number;
  readonly step: number;
  readonly message: string;
}

export interface Metrics {
  /** Mean loss per sample, whatever the loss nodes' reduction. */
  readonly trainLoss: number;
  readonly testLoss: number | null;
  /** Classifiers only, 0…1. */
  readonly trainAccuracy: number | null;
  readonly testAccuracy: number | null;
}

export interface StepRecord {
  readonly step: number;
  readonly epoch: number;
  /** Mean loss per sample of this mini-batch. */
  readonly loss: number;
  /** ‖dL/dθ‖₂ of each node in `trainer.layers`, same order. */
  readonly gradNorms: readonly number[];
}

export interface EpochRecord extends Metrics {
  /** 1-based number of the epoch just completed. */
  readonly epoch: number;
  readonly step: number;
}

export interface TrainingProgress {
  readonly state: TrainerState;
  /** Completed epochs and steps. */
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly batchLoss: number | null;
  /** Of the last evaluation (end of an epoch, or stop). */
  readonly metrics: Metrics | null;
  readonly stepsPerSecond: number;
  readonly failure: TrainingFailure | null;
}

export interface TrainingChunk {
  readonly progress: TrainingProgress;
  readonly steps: StepRecord[];
  readonly epochs: EpochRecord[];
}

export interface TrainerOptions {
  /** Over the graph's saved `training` settings, which are over the defaults. */
  readonly settings?: Partial<TrainingSettings>;
  /** Milliseconds; defaults to Date.now. Only timing depends on it, never the numbers. */
  readonly now?: () => number;
  /** Evaluation runs the data through in chunks of at most this many samples. */
  readonly evalChunk?: number;
}

interface ProgramEntry {
  readonly program: Program;
  readonly params: Float64Array[];
  readonly grads: Float64Array[];
  readonly scratch: Float64Array[];
}

export function createTrainer(graph: Graph, options: TrainerOptions = {}): Trainer {
  return new Trainer(graph, options);
}

export class Trainer {
  readonly settings: TrainingSettings;
  readonly feed: DataFeed;
  /** Nodes with parameters, in topological order: the rows of every StepRecord.gradNorms. */
  readonly layers: readonly string[];
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly task: 'classification' | 'regression' | null;

  private state: TrainerState = 'ready';
  private readonly graph0: Graph;
  private readonly programs = new Map<number, ProgramEntry>();
  private readonly main: ProgramEntry;
  private readonly paramOwners: { nodeId: string; name: string }[];
  private readonly layerOfParam: number[];
  private readonly optimizer: Optimizer;
  private readonly shuffleRng: () => number;
  private readonly order: Int32Array;
  private readonly backup: Float64Array[];
  private readonly now: () => number;
  private readonly evalChunk: number;
  private epoch = 0;
  private stepCount = 0;
  private cursor = 0;
  private batchLoss: number | null = null;
  private metrics: Metrics | null = null;
  private failure: TrainingFailure | null = null;
  private busyMs = 0;
  private readonly predNodeId: string | null;

  constructor(graph: Graph, options: TrainerOptions = {}) {
    this.graph0 = graph;
    this.settings = trainingSettings(graph, options.settings);
    this.feed = buildFeed(graph);
    this.now = options.now ?? Date.now; // callers with a finer clock (workers, the CLI) pass performance.now
    this.evalChunk = Math.max(1, Math.floor(options.evalChunk ?? 512));
    this.batchSize = Math.min(this.settings.batchSize, this.feed.trainSize);
    this.stepsPerEpoch = Math.ceil(this.feed.trainSize / this.batchSize);
    this.task = this.feed.dataset?.task ?? null;

    this.main = this.entry(this.batchSize);
    const p = this.main.program;
    if (p.lossNodes.length === 0) throw new TrainingSetupError('nodes', 'the graph has no loss node, so there is nothing to minimise; connect a loss (mse, bce or softmax_ce)');
    const owners = p.parameters();
    if (owners.length === 0) throw new TrainingSetupError('nodes', 'no node has parameters, so there is nothing to train; add a linear layer');
    this.paramOwners = owners.map(({ nodeId, name }) => ({ nodeId, name }));
    const layers = [...new Set(owners.map((o) => o.nodeId))];
    this.layers = layers;
    this.layerOfParam = owners.map((o) => layers.indexOf(o.nodeId));
    this.backup = this.main.params.map((w) => new Float64Array(w.length));
    this.optimizer = createOptimizer(this.settings, this.main.params.map((w) => w.length));
    this.shuffleRng = createRng(hashSeed(this.settings.seed, 'shuffle'));
    this.order = new Int32Array(this.feed.trainSize);
    this.predNodeId = this.task === 'classification' ? predictionOf(p, this.feed.labelsNodeId) : null;
  }

  get currentState(): TrainerState {
    return this.state;
  }

  get totalSteps(): number {
    return this.settings.epochs * this.stepsPerEpoch;
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'stopped' || this.state === 'failed';
  }

  /** One mini-batch. Null when training is over (done, stopped or failed). Works while paused (single-stepping). */
  step(): StepRecord | null {
    if (this.finished) return null;
    const t0 = this.now();
    const record = this.trainBatch();
    this.busyMs += this.now() - t0;
    return record;
  }

  /** Steps until `ms` have passed (at least one step) or training ends; nothing while paused. */
  runFor(ms: number): TrainingChunk {
    const steps: StepRecord[] = [], epochs: EpochRecord[] = [];
    if (this.state === 'ready') this.state = 'running';
    const start = this.now();
    while (this.state === 'running') {
      const before = this.epoch;
      const record = this.step();
      if (record) steps.push(record);
      if (this.epoch !== before && this.metrics) epochs.push({ ...this.metrics, epoch: this.epoch, step: this.stepCount });
      if (this.now() - start >= ms) break;
    }
    return { progress: this.progress(), steps, epochs };
  }

  pause(): TrainingProgress {
    if (this.state === 'running' || this.state === 'ready') this.state = 'paused';
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
      this.metrics = this.evaluate();
    }
    return this.progress();
  }

  progress(): TrainingProgress {
    return {
      state: this.state, epoch: this.epoch, epochs: this.settings.epochs, step: this.stepCount,
      stepsPerEpoch: this.stepsPerEpoch, totalSteps: this.totalSteps, batchLoss: this.batchLoss,
      metrics: this.metrics, stepsPerSecond: this.busyMs > 0 ? (this.stepCount * 1000) / this.busyMs : 0,
      failure: this.failure,
    };
  }

  /** Copies of the current parameters, keyed "nodeId" → name → data. */
  parameters(): Record<string, Record<string, TensorJson>> {
    const out: Record<string, Record<string, TensorJson>> = {};
    const live = this.main.program.parameters();
    live.forEach(({ nodeId, name, value }) => {
      (out[nodeId] ??= {})[name] = { shape: [...value.shape], data: Array.from(value.data) };
    });
    return out;
  }

  /** The input graph with the trained parameters written into its nodes; nothing else changes. */
  trainedGraph(): Graph {
    return withParameters(this.graph0, this.parameters());
  }

  /** Loss (and accuracy for classifiers) over the whole train and test sets, for the current parameters. */
  evaluate(): Metrics {
    const train = this.evaluateSplit('train', this.feed.trainSize);
    const test = this.feed.testSize > 0 ? this.evaluateSplit('test', this.feed.testSize) : null;
    return { trainLoss: train.loss, testLoss: test?.loss ?? null, trainAccuracy: train.accuracy, testAccuracy: test?.accuracy ?? null };
  }

  private trainBatch(): StepRecord | null {
    const n = this.feed.trainSize;
    if (this.cursor === 0) permutation(n, this.shuffleRng, this.order);
    const rows = this.order.subarray(this.cursor, Math.min(this.cursor + this.batchSize, n));
    const e = this.entry(rows.length);
    this.sync(e);
    this.load(e, rows, 'train');
    e.program.run();
    const loss = meanLoss(e.program);
    if (!Number.isFinite(loss)) return this.fail('forward', firstNonFiniteForward(e.program));
    const norms = new Array<number>(this.layers.length).fill(0);
    for (let i = 0; i < e.grads.length; i++) {
      const g = e.grads[i]!;
      let s = 0;
      for (let k = 0; k < g.length; k++) {
        const gk = g[k]!;
        if (!Number.isFinite(gk)) return this.fail('backward', firstNonFiniteBackward(e.program) ?? this.paramOwners[i]!.nodeId);
        s += gk * gk; // may overflow to Infinity for huge but finite gradients: only the chart sees it
      }
      norms[this.layerOfParam[i]!]! += s;
    }
    this.backup.forEach((b, i) => b.set(this.main.params[i]!));
    this.optimizer.step(this.main.params, e.grads);
    const bad = this.main.params.findIndex((w) => !allFinite(w));
    if (bad >= 0) {
      this.main.params.forEach((w, i) => w.set(this.backup[i]!));
      return this.fail('update', this.paramOwners[bad]!.nodeId);
    }
    this.stepCount++;
    this.batchLoss = loss;
    const record: StepRecord = { step: this.stepCount, epoch: this.epoch, loss, gradNorms: norms.map(Math.sqrt) };
    this.cursor += rows.length;
    if (this.cursor >= n) {
      this.cursor = 0;
      this.epoch++;
      this.metrics = this.evaluate();
      if (this.epoch >= this.settings.epochs) this.state = 'done';
    }
    return record;
  }

  private fail(phase: TrainingFailure['phase'], nodeId: string): null {
    const node = this.main.program.node(nodeId);
    const what = phase === 'forward' ? 'output' : phase === 'backward' ? 'gradient' : 'parameters after the optimiser update';
    this.failure = {
      phase, nodeId, kind: node.kind, epoch: this.epoch + 1, step: this.stepCount + 1,
      message: `non-finite ${what} at node "${nodeId}" (${node.kind}) in epoch ${this.epoch + 1}, step ${this.stepCount + 1}; training stopped with the parameters of the last completed step (try a smaller learning rate)`,
    };
    this.state = 'failed';
    return null;
  }

  private evaluateSplit(split: 'train' | 'test', size: number): { loss: number; accuracy: number | null } {
    let lossSum = 0, correct = 0;
    const rows = new Int32Array(Math.min(this.evalChunk, size));
    for (let start = 0; start < size; start += this.evalChunk) {
      const count = Math.min(this.evalChunk, size - start);
      const chunk = rows.subarray(0, count);
      for (let i = 0; i < count; i++) chunk[i] = start + i;
      const e = this.entry(count);
      this.sync(e);
      this.load(e, chunk, split);
      e.program.forward();
      lossSum += meanLoss(e.program) * count;
      if (this.predNodeId) correct += countCorrect(e.program, this.predNodeId, this.feed.labelsNodeId!);
    }
    return { loss: lossSum / size, accuracy: this.predNodeId ? correct / size : null };
  }

  /** The program for a batch size, compiled on first use from the graph with zero-filled data values. */
  private entry(batch: number): ProgramEntry {
    const cached = this.programs.get(batch);
    if (cached) return cached;
    const program = compileGraph(withBatch(this.graph0, this.feed.sources, batch), { dataGradients: false });
    const live = program.parameters();
    const e: ProgramEntry = {
      program, params: live.map((p) => p.value.data), grads: live.map((p) => p.grad.data),
      scratch: this.feed.sources.map((s) => new Float64Array(batch * s.width)),
    };
    this.programs.set(batch, e);
    return e;
  }

  /** Copies the master parameters into a program that does not own them. */
  private sync(e: ProgramEntry): void {
    if (e === this.main) return;
    e.params.forEach((w, i) => w.set(this.main.params[i]!));
  }

  private load(e: ProgramEntry, rows: ArrayLike<number>, split: 'train' | 'test'): void {
    this.feed.sources.forEach((s: DataSource, i) => {
      e.program.setValue(s.nodeId, gatherRows(s[split], s.width, rows, e.scratch[i]));
    });
  }
}

/**
 * The graph with parameters written into its nodes (e.g. those a worker sent back): one new Graph the
 * UI applies as a single undoable change. Nodes not named keep theirs; no other field changes.
 */
export function withParameters(graph: Graph, params: Readonly<Record<string, Readonly<Record<string, TensorJson>>>>): Graph {
  const nodes = graph.nodes.map((n): GraphNode => (params[n.id] ? { ...n, params: { ...(n.params ?? {}), ...params[n.id] } } : n));
  return { ...graph, nodes };
}

/** The graph with every fed data node holding a zero value of `batch` rows. */
function withBatch(graph: Graph, sources: readonly DataSource[], batch: number): Graph {
  const widths = new Map(sources.map((s) => [s.nodeId, s.width]));
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const w = widths.get(n.id);
      return w === undefined ? n : { ...n, value: { shape: [batch, w], data: new Array<number>(batch * w).fill(0) } };
    }),
  };
}
