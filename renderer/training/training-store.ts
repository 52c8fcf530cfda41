// Training state for the panels: one reducer turns each worker reply into the next state, so the
// message handling is tested without a worker; side effects (document, run store) live in the client.
import { create } from 'zustand';
import type { BatchStep, Graph, TrainingProgress } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import type { ClassesReport } from './classes.ts';
import type { BoundaryGrid, BoundaryView, WorkerReply } from './protocol.ts';
import { SeriesBuffer } from './series.ts';

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'failed' | 'error';

export interface TrainingSnapshot {
  status: TrainingStatus;
  progress: TrainingProgress | null;
  layers: string[];
  series: SeriesBuffer;
  /** Bumped whenever `series` grows in place. */
  version: number;
  boundary: BoundaryView | null;
  /** The run measures accuracy (classification); regression charts have no accuracy axis. */
  accuracy: boolean;
  grid: BoundaryGrid | null;
  /** The last single step (Step batch): its rows and each parameter's before, gradient and after. */
  batch: BatchStep | null;
  /** The confusion matrix of a run with more than two classes (the Classes tab). */
  classes: ClassesReport | null;
  /** Setup errors, or the non-finite failure, with the node to name. */
  error: { message: string; nodeId: string | null } | null;
  /** The document graph training started from: live results and the write-back apply only to it. */
  source: Graph | null;
  /** Wall clock of the first progress and the step reached then, for steps/s as a user sees it. */
  wallStart: { at: number; step: number } | null;
  wallRate: number;
  /** What happened to the trained parameters. */
  writeBack: 'written' | 'graph-changed' | 'not-after-failure' | null;
  /** Each change of the learning rate or regularisation while this run went on, at the step it came after. */
  rateChanges: RateChange[];
  /** Why the float32 path was asked for and this run trains in float64 (the engine's message). */
  float32Refusal: string | null;
}

export type Rates = TrainingProgress['rates'];
export interface RateChange { readonly step: number; readonly from: Rates; readonly to: Rates }

export const initialTraining = (): TrainingSnapshot => ({
  status: 'idle', progress: null, layers: [], series: new SeriesBuffer(), version: 0, boundary: null, accuracy: false, grid: null, classes: null, batch: null,
  error: null, source: null, wallStart: null, wallRate: 0, writeBack: null, rateChanges: [], float32Refusal: null,
});

const sameRates = (a: Rates, b: Rates): boolean => a.learningRate === b.learningRate && a.weightDecay === b.weightDecay && a.l1 === b.l1;

const statusOf = (p: TrainingProgress): TrainingStatus =>
  p.state === 'ready' || p.state === 'running' ? 'running' : p.state;

/** The next state after one training reply (analysis replies belong to the analysis store). */
export function reduceTraining(s: TrainingSnapshot, reply: WorkerReply, now: number): TrainingSnapshot {
  switch (reply.type) {
    case 'started':
      return {
        ...s, status: 'running', progress: reply.progress, layers: reply.layers, series: new SeriesBuffer(reply.layers.length),
        version: s.version + 1, boundary: reply.boundary, accuracy: reply.accuracy, grid: null, classes: null, batch: null, error: null, wallStart: null, wallRate: 0, writeBack: null,
        rateChanges: [], float32Refusal: reply.float32Refusal?.message ?? null,
      };
    case 'progress': {
      s.series.push(reply.steps, reply.epochs);
      const wallStart = s.wallStart ?? { at: now, step: reply.progress.step };
      const dt = (now - wallStart.at) / 1000;
      const wallRate = dt > 0.2 ? (reply.progress.step - wallStart.step) / dt : s.wallRate;
      const before = s.progress?.rates;
      const rateChanges = before && !sameRates(before, reply.progress.rates)
        ? [...s.rateChanges, { step: s.progress!.step, from: before, to: reply.progress.rates }]
        : s.rateChanges;
      return { ...s, status: statusOf(reply.progress), progress: reply.progress, version: s.version + 1, wallStart, wallRate, rateChanges };
    }
    case 'grid':
      return { ...s, grid: reply.grid };
    case 'classes':
      return { ...s, classes: reply.report };
    case 'batch':
      return { ...s, batch: reply.step };
    case 'finished': {
      const f = reply.progress.failure;
      return { ...s, status: statusOf(reply.progress), progress: reply.progress, error: f ? { message: f.message, nodeId: f.nodeId } : s.error };
    }
    case 'train-error':
      return { ...s, status: 'error', error: { message: reply.message, nodeId: reply.nodeId } };
    default:
      return s;
  }
}

interface TrainingStore extends TrainingSnapshot {
  apply(reply: WorkerReply): void;
  /** Several replies as one state change (one render). */
  applyAll(replies: readonly WorkerReply[]): void;
  begin(source: Graph): void;
  setWriteBack(w: TrainingSnapshot['writeBack']): void;
  reset(): void;
}

export const useTraining = create<TrainingStore>()((set, get) => ({
  ...initialTraining(),
  apply: (reply) => set(reduceTraining(get(), reply, performance.now())),
  applyAll: (replies) => { if (replies.length > 0) set(replies.reduce((s, r) => reduceTraining(s, r, performance.now()), get() as TrainingSnapshot)); },
  begin: (source) => set({ ...initialTraining(), status: 'starting', source }),
  setWriteBack: (writeBack) => set({ writeBack }),
  reset: () => set(initialTraining()),
}));

export const isActive = (s: TrainingStatus): boolean => s === 'starting' || s === 'running' || s === 'paused';

/** "Training… epoch 12/100" and friends; "epoch 12/∞" for a run until paused; the float32 path says so. */
export function progressText(status: TrainingStatus, p: TrainingProgress | null): string {
  if (!p) return status === 'starting' ? 'Starting…' : 'Not trained yet';
  const at = `epoch ${p.epoch}/${Number.isFinite(p.epochs) ? p.epochs : '∞'}`;
  // Between steps the trainer has widened its float32 parameters into the store, and whatever is shown from then on runs on the exact path.
  const exact = p.precision === 'float32' ? ' — numbers recomputed in float64' : '';
  switch (status) {
    case 'paused': return `Paused at ${at}${exact}`;
    case 'done': return `Done: ${at}${exact}`;
    case 'stopped': return `Stopped at ${at}${exact}`;
    case 'failed': return `Failed in epoch ${p.epoch + 1}/${Number.isFinite(p.epochs) ? p.epochs : '∞'}`;
    default: return p.precision === 'float32' ? `Training in float32… ${at}` : `Training… ${at}`;
  }
}

/** " (float32)" after a number the float32 steps computed (steps/s, batch loss), else nothing. */
export const precisionMark = (p: TrainingProgress | null): string => (p?.precision === 'float32' ? ' (float32)' : '');

/** "lr 0.1 · L2 0.001 · L1 0": the rates the next step uses, as the status shows them. */
export function ratesText(r: Rates): string {
  return `lr ${formatNumber(r.learningRate, 4)} · L2 ${formatNumber(r.weightDecay, 4)} · L1 ${formatNumber(r.l1, 4)}`;
}

/** "step 340: lr 0.1 → 0.5": one change, naming only the rates that changed. */
export function rateChangeText(c: RateChange): string {
  const parts: string[] = [];
  const names = { learningRate: 'lr', weightDecay: 'L2', l1: 'L1' } as const;
  for (const k of ['learningRate', 'weightDecay', 'l1'] as const) {
    if (c.from[k] !== c.to[k]) parts.push(`${names[k]} ${formatNumber(c.from[k], 4)} → ${formatNumber(c.to[k], 4)}`);
  }
  return `step ${c.step}: ${parts.join(', ')}`;
}
