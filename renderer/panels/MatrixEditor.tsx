// A small grid editor for a tensor. A cell commits on Enter or blur; text that is not a finite
// number is refused in place (the cell is marked invalid and keeps what was typed).
import { useState } from 'react';
import type { TensorJson } from '../../engine/index.ts';

export function parseEntry(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

export function MatrixEditor({ t, testId, label, onCommit }: { t: TensorJson; testId: string; label: string; onCommit: (index: number, x: number) => void }) {
  const [invalid, setInvalid] = useState<ReadonlySet<number>>(new Set());
  const cols = t.shape.length === 2 ? t.shape[1]! : t.data.length;
  const mark = (i: number, bad: boolean): void => setInvalid((s) => {
    if (s.has(i) === bad) return s;
    const n = new Set(s);
    if (bad) n.add(i);
    else n.delete(i);
    return n;
  });
  const commit = (i: number, el: HTMLInputElement): void => {
    const x = parseEntry(el.value);
    if (x === null) { mark(i, true); return; }
    mark(i, false);
    if (x !== t.data[i]) onCommit(i, x);
  };
  return (
    <div className="matrix-editor" role="grid" aria-label={label} data-testid={testId} style={{ gridTemplateColumns: `repeat(${cols}, minmax(3.6em, 1fr))` }}>
      {t.data.map((v, i) => (
        <input
          key={`${i}:${v}`}
          className="matrix-cell"
          data-testid={`${testId}-${i}`}
          aria-label={`${label} entry ${t.shape.length === 2 ? `${Math.floor(i / cols)},${i % cols}` : i}`}
          aria-invalid={invalid.has(i)}
          title={invalid.has(i) ? 'not a finite number: refused' : String(v)}
          defaultValue={String(v)}
          onBlur={(e) => commit(i, e.currentTarget)}
          onKeyDown={(e) => { if (e.key === 'Enter') commit(i, e.currentTarget); if (e.key === 'Escape') { e.currentTarget.value = String(v); mark(i, false); } }}
        />
      ))}
    </div>
  );
}
