// Shapes the series into uPlot's aligned columns: one shared x (step), nulls where a series has no
// point, at most `maxPoints` step samples, every epoch point kept, and nothing a log axis cannot show.
import type { SeriesBuffer } from './series.ts';

export type Column = (number | null)[];

function sampledIndices(n: number, maxPoints: number): number[] {
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil(n / maxPoints);
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

const finiteOrNull = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
/** Losses go on a log axis: zero and below are gaps. */
const positiveOrNull = (v: number | null | undefined): number | null => { const f = finiteOrNull(v); return f !== null && f > 0 ? f : null; };

/** [x, batch loss, train loss, test loss, train accuracy, test accuracy, penalty]: the data loss and the regularisation penalty apart. */
export function lossChartData(s: SeriesBuffer, maxPoints = 800): [number[], Column, Column, Column, Column, Column, Column] {
  type Row = [number | null, number | null, number | null, number | null, number | null, number | null];
  const rows = new Map<number, Row>();
  for (const i of sampledIndices(s.step.length, maxPoints)) rows.set(s.step[i]!, [positiveOrNull(s.loss[i]), null, null, null, null, positiveOrNull(s.penalty[i])]);
  for (const e of s.epochs) {
    const r = rows.get(e.step) ?? [null, null, null, null, null, null];
    r[1] = positiveOrNull(e.trainLoss); r[2] = positiveOrNull(e.testLoss); r[3] = finiteOrNull(e.trainAccuracy); r[4] = finiteOrNull(e.testAccuracy);
    rows.set(e.step, r);
  }
  const x = [...rows.keys()].sort((a, b) => a - b);
  const col = (k: number): Column => x.map((step) => rows.get(step)![k]!);
  return [x, col(0), col(1), col(2), col(3), col(4), col(5)];
}

/** [x, one column per layer]; zero or non-finite norms become gaps (a log axis has no 0). */
export function gradNormChartData(s: SeriesBuffer, maxPoints = 800): [number[], ...Column[]] {
  const idx = sampledIndices(s.step.length, maxPoints);
  const x = idx.map((i) => s.step[i]!);
  const cols = s.gradNorms.map((g) => idx.map((i) => { const v = g[i]!; return Number.isFinite(v) && v > 0 ? v : null; }));
  return [x, ...cols];
}

/** The loss chart's series, in the columns' order of `lossChartData` (after x). */
export const LOSS_SERIES = ['batch loss', 'train loss', 'test loss', 'train acc', 'test acc', 'penalty'] as const;
export type LossSeries = (typeof LOSS_SERIES)[number];

/**
 * What the loss chart draws: x in epochs (a step is 1/stepsPerEpoch of one), and only the series the run
 * can have: no accuracy for a regression (mse, l1, huber on a regression dataset: issue 10.6).
 */
export function lossChartView(s: SeriesBuffer, opts: { stepsPerEpoch: number; accuracy: boolean }, maxPoints = 800): { series: LossSeries[]; data: [number[], ...Column[]] } {
  const [x, ...cols] = lossChartData(s, maxPoints);
  const keep = LOSS_SERIES.flatMap((name, i) => (opts.accuracy || !name.endsWith(' acc') ? [i] : []));
  return { series: keep.map((i) => LOSS_SERIES[i]!), data: [inEpochs(x, opts.stepsPerEpoch), ...keep.map((i) => cols[i]!)] };
}

/** Step numbers as epochs (step 5 of 10 per epoch is epoch 0.5). */
export const inEpochs = (steps: readonly number[], stepsPerEpoch: number): number[] =>
  stepsPerEpoch > 0 ? steps.map((s) => s / stepsPerEpoch) : [...steps];
