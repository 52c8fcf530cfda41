// The training curves as columns that grow in place (the store bumps a version instead of copying),
// step and epoch records each thinned by half whenever they pass a bound, so a long run (until paused)
// keeps a constant memory and chart cost.
import type { EpochRecord } from '../../engine/index.ts';
import type { StepColumns } from './protocol.ts';

export const MAX_STEP_POINTS = 20_000;
/** Epoch records kept (a run until paused of one-step epochs makes thousands a second). */
export const MAX_EPOCH_POINTS = 2_000;

export class SeriesBuffer {
  readonly step: number[] = [];
  readonly loss: number[] = [];
  /** ½λ₂‖θ‖² + λ₁‖θ‖₁ per kept step (0 without regularisation). */
  readonly penalty: number[] = [];
  gradNorms: number[][] = [];
  readonly epochs: EpochRecord[] = [];
  /** Only every stride-th step record is kept. */
  stride = 1;
  /** Only every epochStride-th epoch record is kept, and always the first and the latest. */
  epochStride = 1;

  constructor(layers = 0, private readonly maxPoints = MAX_STEP_POINTS, private readonly maxEpochPoints = MAX_EPOCH_POINTS) {
    this.gradNorms = Array.from({ length: layers }, () => []);
  }

  push(cols: StepColumns, epochs: readonly EpochRecord[]): void {
    for (let i = 0; i < cols.step.length; i++) {
      const s = cols.step[i]!;
      if (s % this.stride !== 0 && s !== 1) continue;
      this.step.push(s);
      this.loss.push(cols.loss[i]!);
      this.penalty.push(cols.penalty?.[i] ?? 0);
      this.gradNorms.forEach((g, l) => g.push(cols.gradNorms[l]?.[i] ?? 0));
      if (this.step.length > this.maxPoints) this.thin();
    }
    for (const e of epochs) this.pushEpoch(e);
  }

  private keepsEpoch(epoch: number): boolean {
    return epoch % this.epochStride === 0 || epoch === 1;
  }

  private pushEpoch(e: EpochRecord): void {
    // the latest record stays until the next one arrives, even off the stride (the chart ends at it)
    const last = this.epochs[this.epochs.length - 1];
    if (last && !this.keepsEpoch(last.epoch)) this.epochs.pop();
    this.epochs.push(e);
    if (this.epochs.length > this.maxEpochPoints) {
      this.epochStride *= 2;
      const kept = this.epochs.filter((r, i) => this.keepsEpoch(r.epoch) || i === this.epochs.length - 1);
      this.epochs.splice(0, Infinity, ...kept);
    }
  }

  /** Drops every other kept record and doubles the stride. */
  private thin(): void {
    this.stride *= 2;
    const idx = this.step.flatMap((s, i) => (s % this.stride === 0 || s === 1 ? [i] : []));
    const pick = (a: number[]): number[] => idx.map((i) => a[i]!);
    const step = pick(this.step), loss = pick(this.loss), penalty = pick(this.penalty);
    this.step.splice(0, Infinity, ...step);
    this.loss.splice(0, Infinity, ...loss);
    this.penalty.splice(0, Infinity, ...penalty);
    this.gradNorms = this.gradNorms.map(pick);
  }
}
