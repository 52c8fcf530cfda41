// Painting your own data on the decision-boundary plane (issue 13.10), as pure edits: which nodes a
// painted dataset feeds (or, in words, why this graph cannot take one), the points it holds now, and
// the graph with the painted points as an *embedded* dataset (the form CSV import writes, read by the
// one dataset reader), bound to the graph's input and target. Each returns a new Graph for one commit.
import {
  buildDataset, datasetWidths, graphDatasets, type DatasetBinding, type DatasetSpec, type EmbeddedDatasetSpec, type Graph,
} from '../../engine/index.ts';
import { followWiring } from '../model/graph-ops.ts';
import { bindToNewDataset, nodeSize, replaceDataset } from './bind.ts';

/** A painted point: its two features and its class, 0 or 1. */
export interface PaintPoint { readonly x: number; readonly y: number; readonly cls: 0 | 1 }

export interface PaintTarget {
  readonly inputId: string;
  readonly targetId: string;
  /** 1: one 0/1 column (bce); 2: one-hot (softmax_ce). */
  readonly labelWidth: 1 | 2;
  /** The dataset both are bound to, if any: painting replaces it in place (Undo brings it back). */
  readonly dataset: string | null;
  /** Its spec, when bound. */
  readonly spec: DatasetSpec | null;
}

export type PaintCheck = { readonly ok: true; readonly target: PaintTarget } | { readonly ok: false; readonly message: string };

/** The name a new painted dataset takes (or the next free one). */
export const PAINTED = 'painted';

const NEED = 'Painting draws points of two classes on a plane: it needs one input node of size 2 and one target node of size 1 (0/1) or 2 (one-hot)';

/** Whether this graph can take painted data, and where it goes; otherwise what does not fit, in words. Reads only the input and target nodes and the datasets. */
export function paintCheck(graph: Graph): PaintCheck {
  const inputs = graph.nodes.filter((n) => n.kind === 'input');
  const targets = graph.nodes.filter((n) => n.kind === 'target');
  if (inputs.length !== 1) return { ok: false, message: `${NEED}; this graph has ${inputs.length === 0 ? 'no input node' : `${inputs.length} input nodes`}.` };
  if (targets.length !== 1) return { ok: false, message: `${NEED}; this graph has ${targets.length === 0 ? 'no target node' : `${targets.length} target nodes`}.` };
  const input = inputs[0]!, target = targets[0]!;
  const bi = input.binding as DatasetBinding | undefined, bt = target.binding as DatasetBinding | undefined;
  if (bi?.dataset !== bt?.dataset) return { ok: false, message: `${NEED}; input "${input.id}" and target "${target.id}" are bound to different data, bind both to one dataset or to none.` };
  let spec: DatasetSpec | null = null;
  if (bi) {
    let found: DatasetSpec | undefined;
    try {
      found = graphDatasets(graph)[bi.dataset];
    } catch (e) {
      return { ok: false, message: `The graph's data cannot be read, so nothing can be painted: ${(e as Error).message}` };
    }
    if (!found) return { ok: false, message: `input "${input.id}" is bound to a dataset "${bi.dataset}" this graph does not have.` };
    spec = found;
    const w = datasetWidths(found);
    if (w.task !== 'classification') return { ok: false, message: `${NEED}; dataset "${bi.dataset}" is a regression (${w.features} feature${w.features === 1 ? '' : 's'}), not classes.` };
    if (w.features !== 2) return { ok: false, message: `${NEED}; dataset "${bi.dataset}" has ${w.features} features.` };
    const classes = w.labels === 1 ? 2 : w.labels;
    if (classes !== 2) return { ok: false, message: `${NEED}; dataset "${bi.dataset}" has ${classes} classes.` };
  }
  const inSize = nodeSize(input), outSize = nodeSize(target);
  if (inSize !== 2) return { ok: false, message: `${NEED}; input "${input.id}" has size ${inSize ?? '(broken config)'}. Set its size to 2.` };
  if (outSize !== 1 && outSize !== 2) return { ok: false, message: `${NEED}; target "${target.id}" has size ${outSize ?? '(broken config)'}: ${outSize ?? 0} classes cannot be painted with two colours.` };
  return { ok: true, target: { inputId: input.id, targetId: target.id, labelWidth: outSize, dataset: bi?.dataset ?? null, spec } };
}

/**
 * The points the target's dataset holds now, in its own row order for an embedded one (a generated or
 * bundled dataset: its training rows, then its test rows); none when the graph is not bound.
 */
export function paintedPoints(target: PaintTarget): PaintPoint[] {
  const spec = target.spec;
  if (!spec) return [];
  if (spec.source === 'embedded') return rowsOf(spec.features.data, spec.labels.data, spec.labelNames.length);
  const d = buildDataset(spec);
  return [
    ...rowsOf(d.train.features, d.train.labels, d.labelCount),
    ...rowsOf(d.test.features, d.test.labels, d.labelCount),
  ];
}

function rowsOf(features: ArrayLike<number>, labels: ArrayLike<number>, width: number): PaintPoint[] {
  const n = features.length / 2;
  const out: PaintPoint[] = [];
  for (let i = 0; i < n; i++) {
    const cls = width === 1 ? (labels[i]! > 0.5 ? 1 : 0) : (labels[i * width + 1]! > labels[i * width]! ? 1 : 0);
    out.push({ x: features[2 * i]!, y: features[2 * i + 1]!, cls });
  }
  return out;
}

/** The embedded dataset of these points, for a target of `labelWidth` columns; keeps the seed, split and names of `like`. */
export function paintedSpec(points: readonly PaintPoint[], labelWidth: 1 | 2, like: DatasetSpec | null): EmbeddedDatasetSpec {
  if (points.length === 0) throw new RangeError('a dataset holds at least one point');
  const names = like?.source === 'embedded' && like.labelNames.length === labelWidth ? like.labelNames : labelWidth === 1 ? ['class 1'] : ['class 0', 'class 1'];
  const featureNames = like?.source === 'embedded' && like.featureNames.length === 2 ? like.featureNames : ['x1', 'x2'];
  return {
    source: 'embedded', task: 'classification', featureNames, labelNames: [...names],
    features: { shape: [points.length, 2], data: points.flatMap((p) => [p.x, p.y]) },
    labels: { shape: [points.length, labelWidth], data: points.flatMap((p) => (labelWidth === 1 ? [p.cls] : p.cls === 1 ? [0, 1] : [1, 0])) },
    seed: like?.seed ?? 1,
    testFraction: like?.testFraction ?? 0.2,
  };
}

/**
 * The graph with `points` as its data: the bound dataset replaced in place by the embedded points,
 * or (unbound) a new dataset "painted" with the input and target bound to it; sizes follow.
 */
export function withPaintedPoints(graph: Graph, target: PaintTarget, points: readonly PaintPoint[]): Graph {
  const spec = paintedSpec(points, target.labelWidth, target.spec);
  if (target.dataset !== null) return followWiring(replaceDataset(graph, target.dataset, spec));
  const bound = bindToNewDataset(graph, target.inputId, spec, { field: 'features', fitSize: true, bindOthers: true }, PAINTED);
  return followWiring(bound.graph);
}

/** The points farther than (rx, ry) (an ellipse: one screen radius in each axis's units) from (x, y). */
export function eraseNear(points: readonly PaintPoint[], x: number, y: number, rx: number, ry: number): PaintPoint[] {
  return points.filter((p) => ((p.x - x) / rx) ** 2 + ((p.y - y) / ry) ** 2 > 1);
}
