// A small grid editor for a tensor. A cell commits on Enter or blur; text that is not a finite
// number is refused in place (the cell is marked invalid and keeps what was typed).
// Cells are memoised: an edit re-renders (and remounts) only the cell whose value changed.
// A cell shows 4 significant digits; focusing it shows the exact number to edit (also its title).
import { memo, useCallback, useState } from 'react';
import type { TensorJson } from '../../engine/index.ts';
import { formatNumber } from '../math/format.ts';

export function parseEntry(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

const NONE: ReadonlySet<number> = new Set();

export const MatrixEditor = memo(function MatrixEditor({ t, testId, label, onCommit }: { t: TensorJson; testId: string; label: string; onCommit: (index: number, x: number) => void }) {
  const [invalid, setInvalid] = useState<ReadonlySet<number>>(NONE);
  const cols = t.shape.length === 2 ? t.shape[1]! : t.data.length;
  const mark = useCallback((i: number, bad: boolean): void => setInvalid((s) => {
    if (s.has(i) === bad) return s;
    const n = new Set(s);
    if (bad) n.add(i);
    else n.delete(i);
    return n;
  }), []);
  return (
    <div className="matrix-editor" role="grid" aria-label={label} data-testid={testId} style={{ gridTemplateColumns: `repeat(${cols}, 5.2em)` }}>
      {t.data.map((v, i) => (
        <MatrixCell
          key={`${i}:${v}`} i={i} v={v} testId={`${testId}-${i}`} bad={invalid.has(i)} mark={mark} onCommit={onCommit}
          label={`${label} entry ${t.shape.length === 2 ? `${Math.floor(i / cols)},${i % cols}` : i}`}
        />
      ))}
    </div>
  );
});

type CellProps = { i: number; v: number; testId: string; label: string; bad: boolean; mark: (i: number, bad: boolean) => void; onCommit: (index: number, x: number) => void };

const MatrixCell = memo(function MatrixCell({ i, v, testId, label, bad, mark, onCommit }: CellProps) {
  const compact = formatNumber(v, 4);
  const commit = (el: HTMLInputElement): boolean => {
    const x = parseEntry(el.value);
    if (x === null) { mark(i, true); return false; }
    mark(i, false);
    if (x !== v) onCommit(i, x);
    return true;
  };
  return (
    <input
      className="matrix-cell"
      data-testid={testId}
      aria-label={label}
      aria-invalid={bad}
      title={bad ? 'not a finite number: refused' : String(v)}
      defaultValue={compact}
      onFocus={(e) => { const el = e.currentTarget; if (el.value === compact && compact !== String(v)) { el.value = String(v); el.select(); } }}
      onBlur={(e) => { const el = e.currentTarget; if (commit(el) && parseEntry(el.value) === v) el.value = compact; }}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget); if (e.key === 'Escape') { e.currentTarget.value = String(v); mark(i, false); } }}
    />
  );
});
