// A tensor in full: one row per sample, and the sum over the batch.
import { memo } from 'react';
import type { Tensor } from '../../engine/index.ts';
import { formatNumber } from '../math/format.ts';

export const TensorTable = memo(function TensorTable({ t, title, testId }: { t: Tensor; title: string; testId?: string }) {
  const rows = t.shape.length === 2 ? t.shape[0]! : 1;
  const cols = t.shape.length === 2 ? t.shape[1]! : t.data.length;
  const sums = Array.from({ length: cols }, (_, c) => {
    let s = 0;
    for (let r = 0; r < rows; r++) s += t.data[r * cols + c]!;
    return s;
  });
  return (
    <div className="tensor-table" data-testid={testId}>
      <div className="tensor-title">{title} <span className="muted">[{t.shape.join(', ')}]</span></div>
      <table>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              <th>{t.shape.length === 2 ? `sample ${r}` : ''}</th>
              {Array.from({ length: cols }, (_, c) => <td key={c} title={String(t.data[r * cols + c])}>{formatNumber(t.data[r * cols + c]!, 5)}</td>)}
            </tr>
          ))}
          {t.shape.length === 2 && rows > 1 ? (
            <tr className="sum-row">
              <th>Σ batch</th>
              {sums.map((s, c) => <td key={c} title={String(s)}>{formatNumber(s, 5)}</td>)}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
});
