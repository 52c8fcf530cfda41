// A small grid editor for a tensor. A cell commits on Enter or blur; text that is not a finite
// number is refused in place (the cell is marked invalid and keeps what was typed) and a message
// under the grid says why and what is kept (issue 10.14).
// Cells are memoised: an edit re-renders (and remounts) only the cell whose value changed.
// A cell shows 4 significant digits; focusing it shows the exact number to edit (also its title).
import { memo, useCallback, useState } from 'react';
import type { TensorJson } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';

/** Why a cell's text is refused, or null when it is a finite number. */
export function entryProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'is empty: type a number';
  if (parseEntry(t) !== null) return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return 'is too large to be a finite number';
  if (/^[+-]?(inf|infinity|nan)$/i.test(t) || t === '∞') return 'is not a finite number: weights must be finite';
  if (/,/.test(t)) return 'is not a number: use a point for decimals (0.5, not 0,5)';
  return 'is not a number: type digits such as 0.8, -1.2 or 3e-4';
}

export function parseEntry(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

const NONE: ReadonlyMap<number, string> = new Map();

export const MatrixEditor = memo(function MatrixEditor({ t, testId, label, onCommit }: { t: TensorJson; testId: string; label: string; onCommit: (index: number, x: number) => void }) {
  // The refused text per cell index.
  const [invalid, setInvalid] = useState<ReadonlyMap<number, string>>(NONE);
  const cols = t.shape.length === 2 ? t.shape[1]! : t.data.length;
  const mark = useCallback((i: number, refused: string | null): void => setInvalid((s) => {
    if (s.get(i) === (refused ?? undefined)) return s;
    const n = new Map(s);
    if (refused !== null) n.set(i, refused);
    else n.delete(i);
    return n;
  }), []);
  const where = (i: number): string => (t.shape.length === 2 ? `${Math.floor(i / cols)},${i % cols}` : String(i));
  return (
    <>
      <div className="matrix-editor" role="grid" aria-label={label} data-testid={testId} style={{ gridTemplateColumns: `repeat(${cols}, 5.2em)` }}>
        {t.data.map((v, i) => (
          <MatrixCell
            key={`${i}:${v}`} i={i} v={v} testId={`${testId}-${i}`} bad={invalid.has(i)} mark={mark} onCommit={onCommit}
            label={`${label} entry ${where(i)}`} errorId={`${testId}-error`}
          />
        ))}
      </div>
      {invalid.size > 0 ? (
        <div className="field-error matrix-error" role="alert" id={`${testId}-error`} data-testid={`${testId}-error`}>
          {[...invalid].map(([i, text]) => (
            <div key={i}>Entry {where(i)}: “{text.length > 24 ? `${text.slice(0, 24)}…` : text}” {entryProblem(text)}. It still holds {formatNumber(t.data[i]!, 6)}; Esc puts that back.</div>
          ))}
        </div>
      ) : null}
    </>
  );
});

type CellProps = { i: number; v: number; testId: string; label: string; bad: boolean; errorId: string; mark: (i: number, refused: string | null) => void; onCommit: (index: number, x: number) => void };

const MatrixCell = memo(function MatrixCell({ i, v, testId, label, bad, errorId, mark, onCommit }: CellProps) {
  const compact = formatNumber(v, 4);
  const commit = (el: HTMLInputElement): boolean => {
    const x = parseEntry(el.value);
    if (x === null) { mark(i, el.value); return false; }
    mark(i, null);
    if (x !== v) onCommit(i, x);
    return true;
  };
  return (
    <input
      className="matrix-cell"
      data-testid={testId}
      aria-label={label}
      aria-invalid={bad}
      aria-describedby={bad ? errorId : undefined}
      title={bad ? 'not a finite number: refused' : String(v)}
      defaultValue={compact}
      onFocus={(e) => { const el = e.currentTarget; if (el.value === compact && compact !== String(v)) { el.value = String(v); el.select(); } }}
      onBlur={(e) => { const el = e.currentTarget; if (commit(el) && parseEntry(el.value) === v) el.value = compact; }}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget); if (e.key === 'Escape') { e.currentTarget.value = String(v); mark(i, null); } }}
    />
  );
});
