// The typed messages between the UI and the training/analysis worker. Training is a stream, one
// session at a time (train → progress… → finished); analysis (Jacobian, Hessian, gradient check) is
// request/response through comlink on a port of its own (AnalysisApi), answered in between chunks.
import type { BatchStep, EpochRecord, Float32Refusal, GradCheckReport, Graph, Matrix, ParamRef, Precision, TensorJson, TrainingProgress, TrainingRates, TrainingSettings } from '../../engine/index.ts';

import type { ClassesReport } from './classes.ts';

export type ParamMap = Record<string, Record<string, TensorJson>>;

/** `untilStopped`: train until paused or stopped, whatever the epochs (an empty Epochs field); `precision`: the trainer's (default float64). */
export type WorkerRequest =
  | { readonly type: 'train'; readonly graph: Graph; readonly settings: Partial<TrainingSettings>; readonly untilStopped?: boolean; readonly precision?: Precision }
  /** One mini-batch, then paused: of the paused session, or (with a graph) of a new one. */
  | { readonly type: 'step-batch'; readonly graph?: Graph; readonly settings?: Partial<TrainingSettings>; readonly untilStopped?: boolean; readonly precision?: Precision }
  /** New learning rate and regularisation for the running (or paused) session, from its next mini-batch on. */
  | { readonly type: 'set-rates'; readonly rates: Partial<TrainingRates> }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' };

/** The first message to the worker: the port on which it answers analysis calls. */
export type ConnectAnalysis = { readonly type: 'connect-analysis'; readonly port: MessagePort };

/** What the worker computes on request; every call returns its report or throws a message. */
export interface AnalysisApi {
  jacobian(graph: Graph, nodeId: string, sample: number): JacobianReport;
  hessian(graph: Graph, params: readonly ParamRef[]): HessianReport;
  gradcheck(graph: Graph): GradcheckSummary;
}
export type AnalysisRequest = keyof AnalysisApi;

/** The data the boundary view draws under the model's output: features and class (or target) per point. */
export interface DataPoints {
  readonly x: number[];
  readonly y: number[];
  /** Class index (classification) or target value (regression). */
  readonly label: number[];
  readonly test: boolean[];
}

/** What the worker can show of the model's function: a 2-D class map or a 1-D curve. */
export type BoundaryView =
  | { readonly kind: 'classification'; readonly classes: number; readonly res: number; readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number; readonly points: DataPoints }
  | { readonly kind: 'regression'; readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number; readonly points: DataPoints };

/** classification: res×res cells, row 0 at the top (y1), each `classes` probabilities; regression: curve y values at evenly spaced x. */
export interface BoundaryGrid { readonly step: number; readonly values: Float64Array }

/** Step records packed as typed columns (cheap to clone): one message may hold thousands. */
export interface StepColumns {
  readonly step: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
  /** The regularisation penalty of each step (absent: 0). */
  readonly penalty?: ArrayLike<number>;
  /** gradNorms[layer][i] for step[i]. */
  readonly gradNorms: ArrayLike<number>[];
}

export type TrainStarted = {
  readonly type: 'started';
  readonly layers: string[];
  readonly progress: TrainingProgress;
  readonly boundary: BoundaryView | null;
  /** Whether the run measures accuracy (a classification dataset); a regression's chart has no accuracy axis. */
  readonly accuracy: boolean;
  /** Why float32 was asked for and the run trains in float64 (absent when it was not asked for or given). */
  readonly float32Refusal?: Float32Refusal;
};

export type WorkerReply =
  | TrainStarted
  | { readonly type: 'progress'; readonly progress: TrainingProgress; readonly steps: StepColumns; readonly epochs: EpochRecord[] }
  | { readonly type: 'grid'; readonly grid: BoundaryGrid }
  /** The mini-batch a single step trained on, and what it did to every parameter. */
  | { readonly type: 'batch'; readonly step: BatchStep }
  /** A classifier with more than two classes: its confusion matrix, with every boundary picture. */
  | { readonly type: 'classes'; readonly report: ClassesReport }
  /** The parameters reached so far: the engine client runs the document with them for the edge labels. */
  | { readonly type: 'live'; readonly params: ParamMap }
  /** `settings`: what the run trained with (saved, over the defaults, under the panel's), for the write-back. */
  | { readonly type: 'finished'; readonly progress: TrainingProgress; readonly params: ParamMap; readonly settings: TrainingSettings }
  | { readonly type: 'train-error'; readonly message: string; readonly nodeId: string | null };

/** How one analysis call ended, for the analysis store (`id`: the UI's request, the latest of its kind wins). */
export type AnalysisReply =
  | { readonly type: 'jacobian-result'; readonly id: number; readonly report: JacobianReport }
  | { readonly type: 'hessian-result'; readonly id: number; readonly report: HessianReport }
  | { readonly type: 'gradcheck-result'; readonly id: number; readonly report: GradcheckSummary }
  | { readonly type: 'analysis-error'; readonly id: number; readonly request: AnalysisRequest; readonly message: string };

export interface JacobianInput {
  readonly port: string;
  readonly edgeId: string;
  readonly sourceId: string;
  /** d(out[sample,:]) / d(in[sample,:]). */
  readonly jacobian: Matrix;
  /** dL/d(out[sample,:]): the gradient arriving from downstream. */
  readonly upstream: number[];
  /** upstreamᵀ · J. */
  readonly product: number[];
  /** What the edge carries back (dL/d(in[sample,:])), as the canvas shows it. */
  readonly edgeGrad: number[];
  readonly maxDiff: number;
}

export interface JacobianReport {
  readonly nodeId: string;
  readonly kind: string;
  readonly batch: number;
  readonly sample: number;
  readonly inputs: JacobianInput[];
  readonly params: { readonly name: string; readonly jacobian: Matrix }[];
}

export interface HessianReport {
  readonly labels: string[];
  readonly matrix: Matrix;
  /** max |H − Hᵀ|. */
  readonly asymmetry: number;
  /** Ascending eigenvalues of (H + Hᵀ)/2. */
  readonly eigenvalues: number[];
}

/** The engine's report as it is: analytic and numeric side by side for every checked gradient. */
export type GradcheckSummary = GradCheckReport;
