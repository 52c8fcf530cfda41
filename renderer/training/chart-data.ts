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
