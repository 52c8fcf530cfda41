// What the model computes over its input plane (2-D classification) or line (1-D regression):
// a second program compiled with the whole grid as its batch, aliasing the trainer's parameters, so
// each evaluation is one forward pass over whatever the trainer has reached.
import { compileGraph, type Dataset, type Graph, type PredictionKind, type Program, type Trainer } from '../../engine/index.ts';
import type { BoundaryGrid, BoundaryView, DataPoints } from './protocol.ts';

export const GRID_RES = 60;
export const CURVE_POINTS = 200;

export interface BoundaryEvaluator {
  readonly view: BoundaryView;
  /** The picture for the trainer's current parameters, labelled with the step it belongs to. */
  evaluate(step: number): BoundaryGrid;
}

/** Null when the task has no picture: not bound to a dataset, or not 2-feature classes / 1-feature regression. */
export function createBoundary(graph: Graph, trainer: Trainer): BoundaryEvaluator | null {
  const { dataset, sources, labelsNodeId } = trainer.feed;
  if (!dataset || !labelsNodeId) return null;
  const features = sources.find((s) => s.field === 'features');
  if (!features) return null;
  const classification = dataset.task === 'classification' && dataset.featureCount === 2;
  const regression = dataset.task === 'regression' && dataset.featureCount === 1 && dataset.labelCount === 1;
  if (!classification && !regression) return null;

  const points = dataPoints(dataset.train.features, dataset.train.labels, dataset.test.features, dataset.test.labels, dataset.featureCount, dataset.labelCount, classification);
  const { x0, x1, y0, y1 } = classification ? planeFrame(points) : curveFrame(points);
  const inputs = classification ? gridInputs(GRID_RES, x0, x1, y0, y1) : lineInputs(CURVE_POINTS, x0, x1);
  const batch = classification ? GRID_RES * GRID_RES : CURVE_POINTS;
  const program = compileGraph(graph, { batch, params: trainer.params, dataGradients: false });
  program.setValue(features.nodeId, inputs); // the targets stay zero: only the prediction is read
  const { predId, prediction } = predictionNode(program, labelsNodeId);
  const classes = classification ? Math.max(2, dataset.classCount) : 1;
  const view: BoundaryView = classification
    ? { kind: 'classification', classes, res: GRID_RES, x0, x1, y0, y1, points }
    : { kind: 'regression', x0, x1, y0, y1, points };
  return {
    view,
    evaluate(step) {
      program.forward();
      const out = program.node(predId).frame.out;
      const width = out.shape[1]!;
      if (!classification) return { step, values: Float64Array.from(out.data) };
      return { step, values: classProbabilities(out.data, batch, width, prediction) };
    },
  };
}

/** Per row, `max(2, width)` probabilities: softmax of logits, or [1 − p, p] for one output column (p = σ(z) for a logit). */
export function classProbabilities(data: ArrayLike<number>, rows: number, width: number, prediction: PredictionKind): Float64Array {
  const k = Math.max(2, width);
  const out = new Float64Array(rows * k);
  const softmax = prediction === 'softmax';
  for (let i = 0; i < rows; i++) {
    if (width === 1) {
      const v = data[i]!;
      const p = prediction === 'logit' ? 1 / (1 + Math.exp(-v)) : Math.min(1, Math.max(0, v));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
      continue;
    }
    let max = -Infinity;
    for (let j = 0; j < width; j++) max = Math.max(max, data[i * width + j]!);
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const v = softmax ? Math.exp(data[i * width + j]! - max) : Math.max(0, data[i * width + j]!);
      out[i * k + j] = v;
      sum += v;
    }
    for (let j = 0; j < width; j++) out[i * k + j] = sum > 0 ? out[i * k + j]! / sum : 1 / width;
  }
  return out;
}

/** The node feeding the loss whose target is the labels node, and how that loss reads it. */
function predictionNode(program: Program, labelsNodeId: string): { predId: string; prediction: PredictionKind } {
  const loss = program.lossNodes.find((n) => n.inputEdges[1]?.source.id === labelsNodeId) ?? program.lossNodes[0];
  const pred = loss?.inputEdges[0]?.source;
  if (!loss || !pred) throw new Error('no loss node takes the labels as its target');
  return { predId: pred.id, prediction: loss.def.prediction ?? 'probability' };
}

/** A 2-feature classification dataset's points as the plane draws them (train first, then test). */
export function planePoints(dataset: Dataset): DataPoints {
  return dataPoints(dataset.train.features, dataset.train.labels, dataset.test.features, dataset.test.labels, dataset.featureCount, dataset.labelCount, true);
}

export interface PlaneFrame { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number }

/**
 * The plane a 2-D classification is drawn on: the points' range with a 10 % margin, and at least
 * [−1, 1] on each axis, so painting the first points of a dataset does not zoom onto them. The
 * training view and the paint mode use this one rule, so a painted point stays where it was put.
 */
export function planeFrame(points: Pick<DataPoints, 'x' | 'y'>): PlaneFrame {
  const [x0, x1] = padded(points.x), [y0, y1] = padded(points.y);
  return { x0: Math.min(x0, -1), x1: Math.max(x1, 1), y0: Math.min(y0, -1), y1: Math.max(y1, 1) };
}

/** A 1-D regression: x along, the targets up, each with a 10 % margin. */
function curveFrame(points: DataPoints): PlaneFrame {
  const [x0, x1] = padded(points.x), [y0, y1] = padded(points.label);
  return { x0, x1, y0, y1 };
}

function dataPoints(trainF: Float64Array, trainL: Float64Array, testF: Float64Array, testL: Float64Array, fc: number, lc: number, classification: boolean): DataPoints {
  const points: DataPoints = { x: [], y: [], label: [], test: [] };
  const add = (f: Float64Array, l: Float64Array, test: boolean): void => {
    const n = f.length / fc;
    for (let i = 0; i < n; i++) {
      points.x.push(f[i * fc]!);
      points.y.push(fc > 1 ? f[i * fc + 1]! : 0);
      points.label.push(!classification ? l[i]! : lc === 1 ? (l[i]! > 0.5 ? 1 : 0) : argmax(l, i * lc, lc));
      points.test.push(test);
    }
  };
  add(trainF, trainL, false);
  add(testF, testL, true);
  return points;
}

function argmax(d: Float64Array, o: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (d[o + j]! > d[o + best]!) best = j;
  return best;
}

/** Range of the values with 10% margin (at least ±0.5 around a single value). */
export function padded(values: readonly number[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return [-1, 1];
  const pad = Math.max((hi - lo) * 0.1, 0.5 * (hi === lo ? 1 : 0));
  return [lo - pad, hi + pad];
}

/** Cell centres, row-major with row 0 at the top (y1), as a canvas draws them. */
export function gridInputs(res: number, x0: number, x1: number, y0: number, y1: number): number[] {
  const out = new Array<number>(res * res * 2);
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      const i = r * res + c;
      out[2 * i] = x0 + ((c + 0.5) / res) * (x1 - x0);
      out[2 * i + 1] = y1 - ((r + 0.5) / res) * (y1 - y0);
    }
  }
  return out;
}

export function lineInputs(n: number, x0: number, x1: number): number[] {
  return Array.from({ length: n }, (_, i) => x0 + (i / (n - 1)) * (x1 - x0));
}

/** FNV-1a over the values rounded to 1e-4: cheap, and changes when the drawn picture changes. */
export function gridChecksum(values: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    const q = Number.isFinite(values[i]!) ? Math.round(values[i]! * 1e4) : -1;
    h ^= q & 0xffff;
    h = Math.imul(h, 0x01000193);
    h ^= (q >>> 16) & 0xffff;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
