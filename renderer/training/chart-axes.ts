// Axis labels that never overprint (issue 10.6). uPlot draws its tick labels on the canvas, where two
// labels closer than their own size are drawn on top of each other (a log axis gives every decade a
// tick, however short the axis). `spacedValues` formats the ticks and leaves out every label that
// would touch the one kept before it; `axisLabelBoxes` reports the boxes drawn, for tests and tools.
import uPlot from 'uplot';

/** Axis tick labels' font; the boxes are measured in it. */
export const AXIS_FONT = '11px system-ui, sans-serif';
const FONT_PX = 11;
/** Room kept free between two labels (px). */
export const LABEL_GAP = 4;
const TICK = 5;
const TICK_GAP = 3;

export interface Span { start: number; end: number }

/** Greedy along the axis: keeps a label when its span starts LABEL_GAP past the last kept one's end. */
export function keepApart(spans: readonly (Span | null)[], gap = LABEL_GAP): boolean[] {
  const order = spans.map((s, i) => ({ s, i })).filter((e): e is { s: Span; i: number } => e.s !== null).sort((a, b) => a.s.start - b.s.start);
  const keep = spans.map(() => false);
  let end = -Infinity;
  for (const { s, i } of order) {
    if (s.start >= end + gap) { keep[i] = true; end = s.end; }
  }
  return keep;
}

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * FONT_PX * 0.6;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}

const horizontal = (axis: uPlot.Axis): boolean => axis.side === 0 || axis.side === 2 || axis.side === undefined;

/** Where each label lies along its axis (CSS px from the plot's start), or null for an empty one. */
function spansOf(u: uPlot, axis: uPlot.Axis, splits: readonly number[], labels: readonly string[]): (Span | null)[] {
  const scale = axis.scale ?? (horizontal(axis) ? 'x' : 'y');
  return splits.map((v, i) => {
    const text = labels[i] ?? '';
    if (text === '' || !Number.isFinite(v)) return null;
    const at = u.valToPos(v, scale);
    const half = horizontal(axis) ? textWidth(text) / 2 : FONT_PX / 2;
    return { start: at - half, end: at + half };
  });
}

const shown = new WeakMap<uPlot, Map<number, { splits: number[]; labels: string[] }>>();

/** An axis `values` that formats with `format` and blanks the labels that would overprint. */
export function spacedValues(format: (v: number) => string): uPlot.Axis.DynamicValues {
  return (u, splits, axisIdx) => {
    const axis = u.axes[axisIdx]!;
    const labels = splits.map((v) => (v === null || !Number.isFinite(v) ? '' : format(v)));
    const keep = keepApart(spansOf(u, axis, splits, labels));
    const out = labels.map((l, i) => (keep[i] ? l : ''));
    let byAxis = shown.get(u);
    if (!byAxis) shown.set(u, (byAxis = new Map()));
    byAxis.set(axisIdx, { splits: [...splits], labels: out });
    return out;
  };
}

/** An axis drawn with AXIS_FONT, short ticks and spaced labels. */
export function axisStyle(format: (v: number) => string): Pick<uPlot.Axis, 'font' | 'labelFont' | 'gap' | 'ticks' | 'values'> {
  return { font: AXIS_FONT, labelFont: `bold ${AXIS_FONT}`, gap: TICK_GAP, ticks: { size: TICK }, values: spacedValues(format) };
}

export interface LabelBox { text: string; x: number; y: number; width: number; height: number }
export interface AxisReport { side: number; label: string; boxes: LabelBox[] }

/**
 * The tick labels as drawn, in CSS px from the plot canvas's top left corner: x labels centred under
 * their tick, left-axis labels right-aligned before it, right-axis labels after it.
 */
export function axisLabelBoxes(u: uPlot): AxisReport[] {
  const byAxis = shown.get(u);
  const ratio = uPlot.pxRatio || 1;
  const left = u.bbox.left / ratio, top = u.bbox.top / ratio, width = u.bbox.width / ratio, height = u.bbox.height / ratio;
  return u.axes.flatMap((axis, i) => {
    if (axis.show === false) return [];
    const drawn = byAxis?.get(i);
    const side = axis.side ?? (i === 0 ? 2 : 3);
    const label = typeof axis.label === 'string' ? axis.label : '';
    const spans = drawn ? spansOf(u, axis, drawn.splits, drawn.labels) : [];
    const off = TICK + TICK_GAP;
    const boxes = spans.flatMap((s, k): LabelBox[] => {
      if (!s || !drawn) return [];
      const text = drawn.labels[k]!;
      if (side === 2) return [{ text, x: left + s.start, y: top + height + off, width: s.end - s.start, height: FONT_PX }];
      const w = textWidth(text);
      const x = side === 1 ? left + width + off : left - off - w;
      return [{ text, x, y: top + s.start, width: w, height: FONT_PX }];
    });
    return [{ side, label, boxes }];
  });
}
