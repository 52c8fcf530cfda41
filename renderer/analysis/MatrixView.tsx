// A matrix as a heatmap with its numbers on hover, and the exact numbers in data-value (JSON, full
// precision) for tests and copy-paste. Large matrices are painted on a canvas instead of one div per cell.
import { useEffect, useRef, useState } from 'react';
import type { Matrix } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { divergingColor, Heatmap, maxAbsFinite } from '../math/Heatmap.tsx';

const DIV_LIMIT = 1600;

function CanvasHeatmap({ m, rowLabels, colLabels }: { m: Matrix; rowLabels?: string[]; colLabels?: string[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState('');
  const cell = Math.max(2, Math.min(12, Math.floor(420 / Math.max(m.rows, m.cols))));
  // CSS may draw the canvas smaller than its pixels (it fits the dock: issue 10.6); the pointer is scaled back.
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const maxAbs = maxAbsFinite(m.data);
    for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) {
      ctx.fillStyle = divergingColor(m.data[r * m.cols + c]!, maxAbs);
      ctx.fillRect(c * cell, r * cell, cell, cell);
    }
  }, [m, cell]);
  return (
    <div>
      <canvas ref={ref} className="bps-heatmap-canvas" data-testid="heatmap-canvas" width={m.cols * cell} height={m.rows * cell} title={hover || undefined}
        onMouseMove={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          const sx = e.currentTarget.width / (rect.width || 1), sy = e.currentTarget.height / (rect.height || 1);
          const c = Math.floor(((e.clientX - rect.left) * sx) / cell), r = Math.floor(((e.clientY - rect.top) * sy) / cell);
          if (r >= 0 && r < m.rows && c >= 0 && c < m.cols) setHover(`${rowLabels?.[r] ?? `row ${r}`}, ${colLabels?.[c] ?? `col ${c}`}: ${String(m.data[r * m.cols + c])}`);
        }} />
      <div className="muted bps-hover-value">{hover || 'hover a cell for its value'}</div>
    </div>
  );
}

export function MatrixView({ m, label, testId, rowLabels, colLabels }: { m: Matrix; label: string; testId: string; rowLabels?: string[]; colLabels?: string[] }) {
  const value = JSON.stringify({ rows: m.rows, cols: m.cols, data: Array.from(m.data) });
  const small = m.rows * m.cols <= DIV_LIMIT;
  return (
    <div className="bps-matrix" data-testid={testId} data-value={value} data-rows={m.rows} data-cols={m.cols}>
      {small
        ? <Heatmap rows={m.rows} cols={m.cols} data={m.data} label={`${label} (${m.rows}×${m.cols})`} {...(rowLabels ? { rowLabels } : {})} {...(colLabels ? { colLabels } : {})} />
        : <><div className="bps-matrix-label">{label} ({m.rows}×{m.cols})</div><CanvasHeatmap m={m} {...(rowLabels ? { rowLabels } : {})} {...(colLabels ? { colLabels } : {})} /></>}
      {m.rows * m.cols <= 16 ? (
        <table className="bps-matrix-numbers"><tbody>
          {Array.from({ length: m.rows }, (_, r) => (
            <tr key={r}>{Array.from({ length: m.cols }, (_, c) => <td key={c} title={String(m.data[r * m.cols + c])}>{formatNumber(m.data[r * m.cols + c]!, 5)}</td>)}</tr>
          ))}
        </tbody></table>
      ) : null}
    </div>
  );
}

export function VectorView({ values, label, testId }: { values: readonly number[]; label: string; testId: string }) {
  return (
    <div className="bps-vector" data-testid={testId} data-value={JSON.stringify(values)}>
      <span className="bps-vector-label">{label}</span>
      <span className="bps-vector-values">[{values.slice(0, 12).map((v, i) => <span key={i} title={String(v)}>{formatNumber(v, 5)}</span>)}{values.length > 12 ? <span>… ({values.length})</span> : null}]</span>
    </div>
  );
}
