// The words and numbers a canvas node and an edge label show, as plain strings: the canvas components
// (renderer/canvas/nodes/, edges/) and the figure export (interop/figure/) both write them from here,
// so a figure says exactly what the canvas says.
import { formatShape, isModuleKind, moduleOf, type GraphNode, type Tensor } from '../../engine/index.ts';
import { formatNumber, summarizeTensor, tensorNorm } from './format.ts';
import { gradText } from './symbols.ts';

type TensorLike = { shape: readonly number[]; data: ArrayLike<number> };

/** The kind's label and its config summary: "Linear" and "1→1", "MSE" and "(sum)". */
export function nodeTitle(kind: string, config: Record<string, unknown> | undefined): { label: string; summary: string } {
  if (!isModuleKind(kind)) return { label: kind, summary: '' };
  const def = moduleOf(kind);
  try {
    const text = def.describe(def.parseConfig(config ?? {}));
    const summary = !text ? '' : def.family === 'data' ? `size ${text}` : def.isLoss ? `(${text})` : text;
    return { label: def.label, summary };
  } catch {
    return { label: def.label, summary: '(bad config)' };
  }
}

/** The node's output shape as a line: "[1, 1]". */
export const shapeText = (t: TensorLike): string => formatShape(t.shape);

/** Parameters with at most this many entries are written out on the node, larger ones as shape and norm: four entries and their gradients made a node so wide it covered its neighbour (XOR, iris). */
export const SMALL_PARAM = 2;
/** The lecture's minus sign (−0.00225) on the node's own lines. */
const minus = (s: string): string => s.replace(/-/g, '−');
/** Three significant digits, as the lecture writes its numbers: 0.8, −0.00225, [0.12, −0.5]. */
const short = (t: TensorLike): string => minus(
  t.data.length === 1 ? formatNumber(t.data[0]!, 3) : `[${Array.from(t.data, (v) => formatNumber(v, 3)).join(', ')}]`);

/**
 * A layer's two lines for one parameter: "w₁ = 0.8" and "∂L/∂w₁ = −0.00225" when small, shape and
 * norm when large; the gradient line ends in "…" while it is not known (no run, or not yet reached in Step mode).
 */
export function paramLines(sym: string, value: TensorLike, grad: TensorLike | undefined): { value: string; grad: string } {
  const small = value.data.length <= SMALL_PARAM;
  const v = small ? `${sym} = ${short(value)}` : `${sym} [${value.shape.join('×')}] ‖·‖ = ${formatNumber(tensorNorm(value.data), 3)}`;
  const g = !grad ? `${gradText(sym)}${small ? ' = ' : ' ‖·‖ = '}…`
    : small ? `${gradText(sym)} = ${short(grad)}` : `${gradText(sym)} ‖·‖ = ${formatNumber(tensorNorm(grad.data), 3)}`;
  return { value: v, grad: g };
}

/** A data node's own value: "x = 1.5", "y* = 0.25". */
export function dataLine(node: Pick<GraphNode, 'kind'>, value: TensorLike): string {
  return `${dataSymbol(node)} = ${summarizeTensor(value, 4)}`;
}
export const dataSymbol = (node: Pick<GraphNode, 'kind'>): string => (node.kind === 'target' ? 'y*' : 'x');

/** A loss's line: "L = 0.1838" once computed, "L = —" before. */
export const lossLine = (loss: number | undefined): string => `L = ${loss === undefined ? '—' : formatNumber(loss, 6)}`;

/**
 * Entries shown on a label up to this many; larger tensors show shape and norm. Two keep a label
 * within the ~100 px between nodes 200 px apart (four numbers need twice that); the popover and the
 * inspector show every entry.
 */
export const LABEL_MAX_ENTRIES = 2;

/**
 * The compact text on an edge label: one number with 4 significant digits ("0.8176"); up to
 * LABEL_MAX_ENTRIES entries with 3 ("[0.12, -0.5]", "[[1], [2]]"); larger tensors as shape and L2 norm ("[4, 16] ‖·‖=2.01").
 * Spaces sit only between entries, so a label narrower than its text wraps between whole numbers.
 */
export function labelSummary(t: TensorLike): string {
  const n = t.data.length;
  if (n === 1) return formatNumber(t.data[0]!);
  if (n > LABEL_MAX_ENTRIES) return `[${t.shape.join(',\u00a0')}] ${normText(tensorNorm(t.data))}`; // the shape never breaks across lines
  const cols = t.shape.length === 2 ? t.shape[1]! : n;
  const rows = t.shape.length === 2 && cols > 1 && t.shape[0]! > 1 ? t.shape[0]! : 1;
  const row = (r: number): string => `[${Array.from({ length: n / rows }, (_, c) => formatNumber(t.data[r * (n / rows) + c]!, 3)).join(', ')}]`;
  return rows === 1 ? row(0) : `[${Array.from({ length: rows }, (_, r) => row(r)).join(', ')}]`;
}

const normText = (norm: number): string => `‖·‖=${formatNumber(norm, 3)}`;

/**
 * An edge label's gradient line: "∂ −0.00225"-style summary, or just the norm when the value line
 * above already shows the shape. `summary` and `norm` may come from a cache (the canvas keeps them per tensor).
 */
export function gradLine(grad: Tensor | TensorLike, shapeShownAbove: boolean, summary = labelSummary(grad), norm?: number): string {
  return shapeShownAbove && grad.data.length > LABEL_MAX_ENTRIES ? `∂\u00a0${normText(norm ?? tensorNorm(grad.data))}` : `∂\u00a0${summary}`;
}
