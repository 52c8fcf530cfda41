// A tensor in full. Activations and their gradients ("batch" layout) have one row per sample and a
// row summing over the batch; a parameter or its gradient ("param" layout) has no batch: its rows
// are output units and its columns input units. Cells show 4 significant digits (the exact number
// as the cell's title) and the table scrolls sideways when it is wider than its panel.
import { memo } from 'react';
import type { Tensor } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';

export type TableLayout = 'batch' | 'param';

export const TensorTable = memo(function TensorTable({ t, title, testId, layout = 'batch' }: { t: Tensor; title: string; testId?: string; layout?: TableLayout }) {
  const matrix = t.shape.length === 2;
  const rows = matrix ? t.shape[0]! : 1;
  const cols = matrix ? t.shape[1]! : t.data.length;
  const param = layout === 'param';
  const sums = Array.from({ length: cols }, (_, c) => {
    let s = 0;
    for (let r = 0; r < rows; r++) s += t.data[r * cols + c]!;
    return s;
  });
  const rowLabel = (r: number): string => (!matrix ? '' : param ? (rows > 1 ? `out ${r}` : '') : `sample ${r}`);
  const showColumns = param && matrix && cols > 1;
  return (
    <div className="tensor-table" data-testid={testId}>
      <div className="tensor-title">{title} <span className="muted">[{t.shape.join(', ')}]{param && matrix && t.data.length > 1 ? ' rows: out, columns: in' : ''}</span></div>
      <div className="tensor-scroll">
        <table>
          {showColumns ? (
            <thead><tr><th />{Array.from({ length: cols }, (_, c) => <th key={c} scope="col">in {c}</th>)}</tr></thead>
          ) : null}
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                {matrix && (!param || rows > 1 || showColumns) ? <th scope="row">{rowLabel(r)}</th> : null}
                {Array.from({ length: cols }, (_, c) => <td key={c} title={String(t.data[r * cols + c])}>{formatNumber(t.data[r * cols + c]!, 4)}</td>)}
              </tr>
            ))}
            {!param && matrix && rows > 1 ? (
              <tr className="sum-row">
                <th scope="row">Σ batch</th>
                {sums.map((s, c) => <td key={c} title={String(s)}>{formatNumber(s, 4)}</td>)}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
});
