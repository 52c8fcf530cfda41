// What training reports to whoever drives it (a worker, the CLI, tests): per step, per epoch, overall.
import type { RunDiagnostic } from '../graph/diagnostics.ts';

export type TrainerState = 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface TrainingFailure {
  /** forward: a node's output; backward: a gradient its VJP produced; update: the optimiser's result. */
  readonly phase: 'forward' | 'backward' | 'update';
  readonly nodeId: string;
  readonly kind: string;
  readonly epoch: number;
  readonly step: number;
  readonly message: string;
  /** What made the value non-finite, where the engine knows (a value outside a module's domain). */
  readonly cause?: RunDiagnostic;
}

/** A classifier's answers over one split: counts[actual][predicted], and each misclassified sample. */
export interface ConfusionMatrix {
  readonly split: 'train' | 'test';
  readonly counts: readonly (readonly number[])[];
  /** `sample` is the row in the split (dataset.test or dataset.train). */
  readonly misclassified: readonly { readonly sample: number; readonly actual: number; readonly predicted: number }[];
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
  /** Mean loss per sample of this mini-batch (the data loss, without the penalty). */
  readonly loss: number;
  /** ½λ₂‖θ‖² + λ₁‖θ‖₁ at the parameters this step started from; 0 without regularisation. */
  readonly penalty: number;
  /** ‖dL/dθ‖₂ of each node in `trainer.layers`, same order. */
  readonly gradNorms: readonly number[];
}

/** One mini-batch in detail (a single step in the UI): its rows and what it did to every parameter. */
export interface BatchStep {
  readonly record: StepRecord;
  /** Rows of the training split (dataset.train) in this mini-batch, in order. */
  readonly rows: readonly number[];
  readonly learningRate: number;
  /** Every parameter before the step, its gradient summed over the batch's loss, and after the optimiser. */
  readonly params: readonly { readonly nodeId: string; readonly name: string; readonly shape: readonly number[]; readonly before: number[]; readonly grad: number[]; readonly after: number[] }[];
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
  /** Infinity when training until stopped (as is totalSteps). */
  readonly epochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly batchLoss: number | null;
  /** Of the last evaluation: the end of an epoch (with `evaluationBudget`, not every one), a pause, or stop. */
  readonly metrics: Metrics | null;
  readonly stepsPerSecond: number;
  readonly failure: TrainingFailure | null;
  /** The learning rate and regularisation the next step uses (they may change while training runs). */
  readonly rates: { readonly learningRate: number; readonly weightDecay: number; readonly l1: number };
  /** Present on the float32 path only: its losses and gradient norms are float32 numbers. */
  readonly precision?: 'float32';
}

export interface TrainingChunk {
  readonly progress: TrainingProgress;
  readonly steps: StepRecord[];
  readonly epochs: EpochRecord[];
}
