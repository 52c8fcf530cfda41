// The training curves as columns that grow in place (the store bumps a version instead of copying),
// thinned by half whenever they pass a bound so a long run keeps a constant memory and chart cost.
import type { EpochRecord } from '../../engine/index.ts';
import type { StepColumns } from './protocol.ts';

export const MAX_STEP_POINTS = 20_000;

export class SeriesBuffer {
  readonly step: number[] = [];
  readonly loss: number[] = [];
  /** ½λ₂‖θ‖² + λ₁‖θ‖₁ per kept step (0 without regularisation). */
  readonly penalty: number[] = [];
  gradNorms: number[][] = [];
  readonly epochs: EpochRecord[] = [];
  /** Only every stride-th step record is kept. */
  stride = 1;

  constructor(layers = 0, private readonly maxPoints = MAX_STEP_POINTS) {
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
    this.epochs.push(...epochs);
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
