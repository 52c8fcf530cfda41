// The model's function over its input, as in TensorFlow Playground: class probabilities as a coloured
// map under the data points (2-D classification), or the fitted curve through the data (1-D regression).
// "Paint data" turns the plane into a canvas for the data itself (issue 13.10): a click adds a point of
// the chosen class, Shift-click one of the other, a right-drag erases; each stroke is one commit of the
// document's embedded dataset (renderer/data-ui/paint.ts), which training then uses.
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { eraseNear, paintCheck, paintedPoints, withPaintedPoints, type PaintPoint, type PaintTarget } from '../data-ui/paint.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { useDocument } from '../store/document-store.ts';
import { GRID_RES, gridChecksum, planeFrame, type PlaneFrame } from './boundary.ts';
import { niceTicks } from './ticks.ts';
import type { BoundaryGrid, BoundaryView, DataPoints } from './protocol.ts';
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

function TrainedPlane() {
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

export function DecisionBoundary() {
  const [painting, setPainting] = useState(false);
  return (
    <div className="bps-boundary-box">
      <button type="button" className="bps-paint-toggle" aria-pressed={painting} onClick={() => setPainting((p) => !p)}
        title="Paint your own data on the plane: click adds a point, Shift-click one of the other class, right-drag erases">Paint data</button>
      {painting ? <PaintPlane /> : <TrainedPlane />}
    </div>
  );
}

function PaintPlane() {
  // Only the data nodes and the datasets decide what can be painted (each node object is kept while it
  // does not change), so dragging other nodes around neither re-checks nor rebuilds the points.
  const dataNodes = useDocument(useShallow((s) => s.graph.nodes.filter((n) => n.kind === 'input' || n.kind === 'target')));
  const datasets = useDocument((s) => s.graph.datasets);
  const check = useMemo(() => paintCheck({ name: '', nodes: dataNodes, edges: [], datasets }), [dataNodes, datasets]);
  if (!check.ok) return <p className="bps-paint-refusal" role="status" data-testid="paint-refusal">{check.message}</p>;
  return <PaintCanvas target={check.target} />;
}

/** Whether the trained view's points (train, then test) are the painted ones, in any order. */
function sameMultiset(shown: DataPoints, painted: readonly PaintPoint[]): boolean {
  if (shown.x.length !== painted.length) return false;
  const key = (x: number, y: number, c: number) => `${x},${y},${c}`;
  const a = shown.x.map((x, i) => key(x, shown.y[i]!, shown.label[i]!)).sort();
  const b = painted.map((p) => key(p.x, p.y, p.cls)).sort();
  return a.every((k, i) => k === b[i]);
}

/** Screen radius of the eraser, in CSS pixels. */
const ERASE_PX = 10;
const round = (v: number): number => Math.round(v * 1000) / 1000;

function PaintCanvas({ target }: { target: PaintTarget }) {
  const points = useMemo(() => paintedPoints(target), [target]);
  const [cls, setCls] = useState<0 | 1>(0);
  const [notice, setNotice] = useState<string | null>(null);
  /** An erase stroke in progress: the plane it started on and the points left so far (drawn, not yet committed). */
  const stroke = useRef<{ frame: PlaneFrame; left: PaintPoint[] } | null>(null);
  const [preview, setPreview] = useState<PaintPoint[] | null>(null);
  const shown = preview ?? points;
  // The plane of the points in the document (an erase stroke keeps the one it began on).
  const frame = useMemo(() => planeFrame({ x: points.map((p) => p.x), y: points.map((p) => p.y) }), [points]);
  const trained = useTraining((s) => s.boundary);
  const trainedGrid = useTraining((s) => s.grid);
  // The trained map lies under the points while it was computed on this very plane and these points.
  const samePoints = useMemo(() => trained?.kind === 'classification' && sameMultiset(trained.points, points), [trained, points]);
  const grid = trained?.kind === 'classification' && trainedGrid && samePoints
    && trained.x0 === frame.x0 && trained.x1 === frame.x1 && trained.y0 === frame.y0 && trained.y1 === frame.y1 ? trainedGrid : null;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const view: BoundaryView = {
      kind: 'classification', classes: 2, res: trained?.kind === 'classification' ? trained.res : GRID_RES, ...frame,
      points: { x: shown.map((p) => p.x), y: shown.map((p) => p.y), label: shown.map((p) => p.cls), test: shown.map(() => false) },
    };
    draw(ctx, view, grid);
  }, [shown, frame, grid, trained]);

  const at = (e: PointerEvent<HTMLCanvasElement>, f: PlaneFrame) => {
    const r = e.currentTarget.getBoundingClientRect();
    const u = (e.clientX - r.left) / r.width, v = (e.clientY - r.top) / r.height;
    return { x: f.x0 + u * (f.x1 - f.x0), y: f.y1 - v * (f.y1 - f.y0), rx: (ERASE_PX / r.width) * (f.x1 - f.x0), ry: (ERASE_PX / r.height) * (f.y1 - f.y0) };
  };
  const commit = (next: readonly PaintPoint[]) => {
    const doc = useDocument.getState();
    const now = paintCheck(doc.graph);
    if (now.ok) doc.commit('paint data', withPaintedPoints(doc.graph, now.target, next));
  };
  const erase = (e: PointerEvent<HTMLCanvasElement>) => {
    const s = stroke.current!;
    const p = at(e, s.frame);
    const left = eraseNear(s.left, p.x, p.y, p.rx, p.ry);
    if (left.length !== s.left.length) { s.left = left; setPreview(left); }
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    setNotice(null);
    if (e.button === 0) {
      const p = at(e, frame);
      commit([...points, { x: round(p.x), y: round(p.y), cls: e.shiftKey ? (cls === 0 ? 1 : 0) : cls }]);
    } else if (e.button === 2) {
      e.currentTarget.setPointerCapture(e.pointerId);
      stroke.current = { frame, left: points };
      erase(e);
    }
  };
  const end = () => {
    const s = stroke.current;
    if (!s) return;
    stroke.current = null;
    setPreview(null);
    if (s.left.length === points.length) return;
    if (s.left.length === 0) { setNotice('A dataset keeps at least one point, so this stroke was not applied: paint a new point first, then erase the old ones.'); return; }
    commit(s.left); // the whole stroke is one Undo step
  };
  const ones = shown.filter((p) => p.cls === 1).length;
  const label = 'Paint data: click adds a point, Shift-click one of the other class, right-drag erases';
  return (
    <figure className="bps-boundary bps-paint">
      <figcaption>Click: {cls === 0 ? 'class 0' : 'class 1'}, Shift-click: {cls === 0 ? 'class 1' : 'class 0'}, right-drag: erase</figcaption>
      <div role="radiogroup" aria-label="Class to paint" className="bps-paint-classes">
        {([0, 1] as const).map((c) => (
          <label key={c}>
            <input type="radio" name="bps-paint-class" checked={cls === c} onChange={() => setCls(c)} />
            <span className="bps-paint-swatch" style={{ background: `rgb(${CLASS_COLOURS[c]!.join(',')})` }} /> class {c}
          </label>
        ))}
      </div>
      <div className="bps-boundary-plot">
        <AxisTicks side="y" lo={frame.y0} hi={frame.y1} name="x2" testId="paint-y-axis" />
        <canvas ref={canvas} width={SIZE} height={SIZE} data-testid="paint-canvas" role="img" aria-label={label}
          data-points={shown.length} data-class1={ones} data-class0={shown.length - ones} data-grid={grid ? 'shown' : 'none'}
          data-checksum={grid ? gridChecksum(grid.values) : ''}
          data-frame={[frame.x0, frame.x1, frame.y0, frame.y1].join(',')}
          onPointerDown={onPointerDown} onPointerMove={(e) => { if (stroke.current) erase(e); }} onPointerUp={end} onPointerCancel={end}
          onContextMenu={(e) => e.preventDefault()} />
        <span />
        <AxisTicks side="x" lo={frame.x0} hi={frame.x1} name="x1" testId="paint-x-axis" />
      </div>
      {notice ? <p className="bps-paint-notice" role="status" data-testid="paint-notice">{notice}</p> : null}
      <p className="muted bps-paint-hint">{target.dataset === null ? 'The first point makes an embedded dataset "painted", bound to the input and target.' : `Painting edits dataset "${target.dataset}"${target.spec?.source === 'embedded' ? '' : ' (it becomes an embedded copy of its points)'}; Undo takes back a stroke.`}</p>
    </figure>
  );
}
