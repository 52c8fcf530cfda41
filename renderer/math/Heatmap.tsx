// A small diverging heatmap (blue < 0 < red, symmetric around 0, scaled to the largest |v|), as a
// CSS grid of divs: no dependency, and every cell carries its exact number in a tooltip. One div per
// entry: meant for weight matrices up to a few thousand entries, not for whole data sets.
import type { CSSProperties } from 'react';

const NEUTRAL: readonly [number, number, number] = [0xf2, 0xf2, 0xf2];
const POSITIVE: readonly [number, number, number] = [0xb2, 0x18, 0x2b];
const NEGATIVE: readonly [number, number, number] = [0x21, 0x66, 0xac];
const NOT_FINITE = '#e600e6'; // magenta: NaN or ±∞ must stand out

/** The cell colour of v when the largest magnitude in the map is maxAbs. */
export function divergingColor(v: number, maxAbs: number): string {
  if (!Number.isFinite(v)) return NOT_FINITE;
  const t = maxAbs > 0 ? Math.min(Math.abs(v) / maxAbs, 1) : 0;
  const end = v < 0 ? NEGATIVE : POSITIVE;
  const rgb = NEUTRAL.map((c, k) => Math.round(c + (end[k]! - c) * t));
  return `rgb(${rgb.join(', ')})`;
}

export function maxAbsFinite(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

const cellStyle: CSSProperties = { minWidth: 12, minHeight: 12, borderRadius: 2 };
const labelStyle: CSSProperties = { fontSize: 10, lineHeight: '12px', opacity: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
/**
 * Column labels run upwards, one 12 px line per column, so neighbours never overprint however long
 * the names (fc1.W[3,1]); a long one is cut with … and the whole name is its title (issue 10.6).
 */
const colLabelStyle: CSSProperties = { ...labelStyle, writingMode: 'vertical-rl', transform: 'rotate(180deg)', maxHeight: 96, justifySelf: 'center', alignSelf: 'end', textAlign: 'left' };

export function Heatmap(props: { rows: number; cols: number; data: ArrayLike<number>; label?: string; rowLabels?: string[]; colLabels?: string[] }) {
  const { rows, cols, data, label, rowLabels, colLabels } = props;
  const maxAbs = maxAbsFinite(data);
  const withRowLabels = rowLabels !== undefined;
  const cells = [];
  if (colLabels) {
    if (withRowLabels) cells.push(<div key="corner" />);
    for (let c = 0; c < cols; c++) cells.push(<div key={`col-${c}`} className="heatmap-col-label" title={colLabels[c]} style={colLabelStyle}>{colLabels[c] ?? ''}</div>);
  }
  for (let r = 0; r < rows; r++) {
    if (withRowLabels) cells.push(<div key={`row-${r}`} className="heatmap-row-label" title={rowLabels[r]} style={{ ...labelStyle, paddingRight: 4, textAlign: 'right', maxWidth: 96 }}>{rowLabels[r] ?? ''}</div>);
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c] ?? NaN;
      const title = `${rowLabels?.[r] ?? `row ${r}`}, ${colLabels?.[c] ?? `col ${c}`}: ${String(v)}`;
      cells.push(
        <div key={`${r}-${c}`} data-testid={`heatmap-cell-${r}-${c}`} title={title}
          style={{ ...cellStyle, background: divergingColor(v, maxAbs) }} />,
      );
    }
  }
  return (
    <figure className="heatmap" style={{ margin: 0 }} aria-label={label}>
      {label !== undefined && <figcaption style={{ fontSize: 11, marginBottom: 4 }}>{label}</figcaption>}
      <div style={{ display: 'grid', gridTemplateColumns: `${withRowLabels ? 'max-content ' : ''}repeat(${cols}, minmax(12px, 1fr))`, gap: 1 }}>
        {cells}
      </div>
    </figure>
  );
}
