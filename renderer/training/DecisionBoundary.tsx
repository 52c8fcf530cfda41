// The model's function over its input, as in TensorFlow Playground: class probabilities as a coloured
// map under the data points (2-D classification), or the fitted curve through the data (1-D regression).
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../math/format.ts';
import { gridChecksum } from './boundary.ts';
import { niceTicks } from './ticks.ts';
import type { BoundaryGrid, BoundaryView } from './protocol.ts';
import { useTraining } from './training-store.ts';

export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [
  [245, 147, 34], [8, 119, 189], [46, 125, 50], [142, 68, 173], [192, 57, 43], [0, 131, 143],
];
const SIZE = 240;

/** Cell colour: the most likely class's colour, faded towards white as the model is less sure. */
export function cellColour(probs: ArrayLike<number>, offset: number, classes: number): [number, number, number] {
  let best = 0;
  for (let j = 1; j < classes; j++) if (probs[offset + j]! > probs[offset + best]!) best = j;
  const p = probs[offset + best]!;
  const sure = classes > 1 ? Math.max(0, Math.min(1, (p - 1 / classes) / (1 - 1 / classes))) : 0;
  const c = CLASS_COLOURS[best % CLASS_COLOURS.length]!;
  const t = 0.15 + 0.55 * sure;
  return [Math.round(255 + (c[0] - 255) * t), Math.round(255 + (c[1] - 255) * t), Math.round(255 + (c[2] - 255) * t)];
}

function draw(ctx: CanvasRenderingContext2D, view: BoundaryView, grid: BoundaryGrid | null): void {
  ctx.clearRect(0, 0, SIZE, SIZE);
  const sx = (x: number): number => ((x - view.x0) / (view.x1 - view.x0)) * SIZE;
  const sy = (y: number): number => SIZE - ((y - view.y0) / (view.y1 - view.y0)) * SIZE;
  if (view.kind === 'classification') {
    if (grid) {
      const img = ctx.createImageData(view.res, view.res);
      for (let i = 0; i < view.res * view.res; i++) {
        const [r, g, b] = cellColour(grid.values, i * view.classes, view.classes);
        img.data.set([r, g, b, 255], i * 4);
      }
      const off = new OffscreenCanvas(view.res, view.res);
      off.getContext('2d')!.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(off, 0, 0, SIZE, SIZE);
    }
    view.points.x.forEach((x, i) => {
      const c = CLASS_COLOURS[view.points.label[i]! % CLASS_COLOURS.length]!;
      ctx.beginPath();
      ctx.arc(sx(x), sy(view.points.y[i]!), view.points.x.length < 50 ? 6 : 3, 0, 2 * Math.PI);
      ctx.fillStyle = view.points.test[i] ? '#fff' : `rgb(${c.join(',')})`;
      ctx.strokeStyle = view.points.test[i] ? `rgb(${c.join(',')})` : '#fff';
      ctx.lineWidth = view.points.test[i] ? 1.5 : 1;
      ctx.fill();
      ctx.stroke();
    });
    return;
  }
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, 0, SIZE, SIZE);
  view.points.x.forEach((x, i) => {
    ctx.beginPath();
    ctx.arc(sx(x), sy(view.points.label[i]!), 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = view.points.test[i] ? '#e07b00' : '#3461d1';
    ctx.fill();
  });
  if (!grid) return;
  ctx.beginPath();
  Array.from(grid.values).forEach((y, i) => {
    const x = view.x0 + (i / (grid.values.length - 1)) * (view.x1 - view.x0);
    if (i === 0) ctx.moveTo(sx(x), sy(y)); else ctx.lineTo(sx(x), sy(y));
  });
  ctx.strokeStyle = '#c0392b';
  ctx.lineWidth = 2;
  ctx.stroke();
}

const rgb = (c: readonly number[]): string => `rgb(${c.join(',')})`;

/** Ticks along one side of the picture: `at` is the share of the way from the start (left, or top). */
function AxisTicks({ side, lo, hi, name, testId }: { side: 'x' | 'y'; lo: number; hi: number; name: string; testId: string }) {
  const ticks = niceTicks(lo, hi, 5);
  return (
    <div className={`bps-boundary-axis ${side}`} data-testid={testId} data-label={name}>
      {ticks.map((v) => {
        const t = (v - lo) / (hi - lo);
        const style = side === 'x' ? { left: `${t * 100}%` } : { top: `${(1 - t) * 100}%` };
        return <span key={v} className="tick" style={style} data-value={v}>{formatNumber(v, 3)}</span>;
      })}
      <span className="name">{name}</span>
    </div>
  );
}

/** What the colours mean: one swatch per class, and how sure the model is (faded: unsure). */
function Legend({ view }: { view: BoundaryView }) {
  if (view.kind === 'regression') {
    return (
      <div className="bps-boundary-legend" data-testid="boundary-legend">
        <span><i className="dot" style={{ background: '#3461d1' }} /> train</span>
        <span><i className="dot" style={{ background: '#e07b00' }} /> test</span>
        <span><i className="line" style={{ background: '#c0392b' }} /> model</span>
      </div>
    );
  }
  const k = view.classes;
  const scale = (cls: number): string => {
    // cellColour of class `cls` at probability p, from a coin toss (1/k) to certain (1)
    const stops = [0, 0.5, 1].map((s) => {
      const probs = Array.from({ length: k }, (_, j) => (j === cls ? 1 / k + s * (1 - 1 / k) : (1 - (1 / k + s * (1 - 1 / k))) / (k - 1)));
      return rgb(cellColour(probs, 0, k));
    });
    return `linear-gradient(to right, ${stops.join(', ')})`;
  };
  return (
    <div className="bps-boundary-legend" data-testid="boundary-legend" data-classes={k}>
      {Array.from({ length: k }, (_, c) => (
        <span key={c} data-testid={`boundary-legend-class-${c}`}><i className="dot" style={{ background: rgb(CLASS_COLOURS[c % CLASS_COLOURS.length]!) }} /> class {c}</span>
      ))}
      <span className="bps-boundary-scale" title="The colour of the most likely class, paler where the model is less sure">
        <span className="muted">p {formatNumber(1 / k, 2)}</span>
        <i className="ramp" data-testid="boundary-probability-scale" style={{ background: scale(0) }} />
        <span className="muted">1</span>
      </span>
    </div>
  );
}

export function DecisionBoundary() {
  const view = useTraining((s) => s.boundary);
  const grid = useTraining((s) => s.grid);
  const status = useTraining((s) => s.status);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<{ checksum: string; step: number; count: number }>({ checksum: '', step: -1, count: 0 });
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !view) return;
    draw(ctx, view, grid);
    setDrawn((d) => ({ checksum: grid ? gridChecksum(grid.values) : '', step: grid?.step ?? -1, count: d.count + 1 }));
  }, [view, grid]);
  // The worker decides what can be drawn once training starts; before that, say what will appear.
  if (!view && status === 'idle') return <p className="muted bps-boundary-none">Train to see the decision boundary (2-feature classification) or the fitted curve (1-feature regression).</p>;
  if (!view) return <p className="muted bps-boundary-none">No picture for this task: it needs an input bound to a 2-feature classification dataset or a 1-feature regression dataset.</p>;
  const title = view.kind === 'classification' ? 'Decision boundary (filled: train, hollow: test)' : 'Fitted curve (blue: train, orange: test)';
  return (
    <figure className="bps-boundary">
      <figcaption>{title}</figcaption>
      <div className="bps-boundary-plot">
        <AxisTicks side="y" lo={view.y0} hi={view.y1} name={view.kind === 'classification' ? 'x2' : 'y'} testId="boundary-y-axis" />
        <canvas ref={canvas} width={SIZE} height={SIZE} data-testid="decision-boundary" data-kind={view.kind}
          data-checksum={drawn.checksum} data-step={drawn.step} data-draws={drawn.count} aria-label={title} role="img" />
        <span />
        <AxisTicks side="x" lo={view.x0} hi={view.x1} name={view.kind === 'classification' ? 'x1' : 'x'} testId="boundary-x-axis" />
      </div>
      <Legend view={view} />
    </figure>
  );
}
