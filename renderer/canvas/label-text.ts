// The text an edge label shows and carries (summaries, norm, exact JSON), computed once per tensor
// object (memos keyed by the immutable tensor). Every run brings new tensors for all edges; a
// LabelPreparer computes the text of the labels on screen in small slices *before* the results are
// published, so the React commit that swaps in the new results (every label and the status bar at
// once) does not format hundreds of tensors in one long task. It prepares only what a mounted label
// draws: the exact JSON it carries (data-value, data-grad) and the lines its label mode shows.
import { l2Norm, type RunResults, type Tensor } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import type { LabelMode } from '../store/view-store.ts';

const jsonCache = new WeakMap<Tensor, string>();
const summaryCache = new WeakMap<Tensor, string>();
const normCache = new WeakMap<Tensor, number>();

/** The same text as JSON.stringify({ shape, data: Array.from(data) }). */
export function tensorJson(t: Tensor): string {
  let s = jsonCache.get(t);
  if (s === undefined) {
    // join writes NaN/±Infinity as themselves where JSON writes null, so those take the slow path.
    s = t.data.every(Number.isFinite)
      ? `{"shape":[${t.shape.join(',')}],"data":[${t.data.join(',')}]}`
      : JSON.stringify({ shape: [...t.shape], data: Array.from(t.data) });
    jsonCache.set(t, s);
  }
  return s;
}

/**
 * Entries shown on a label up to this many; larger tensors show shape and norm. Two keep a label
 * within the ~100 px between nodes 200 px apart (four numbers need twice that); the popover and the
 * inspector show every entry.
 */
export const LABEL_MAX_ENTRIES = 2;

/**
 * The compact text on a label: one number with 4 significant digits ("0.8176"); up to
 * LABEL_MAX_ENTRIES entries with 3 ("[0.12, -0.5]", "[[1], [2]]"); larger tensors as shape and L2 norm ("[4, 16] ‖·‖=2.01").
 * Spaces sit only between entries, so a label narrower than its text wraps between whole numbers.
 */
export function labelSummary(t: { shape: readonly number[]; data: ArrayLike<number> }): string {
  const n = t.data.length;
  if (n === 1) return formatNumber(t.data[0]!);
  if (n > LABEL_MAX_ENTRIES) return `[${t.shape.join(',\u00a0')}] ${normText(t.data)}`; // the shape never breaks across lines
  const cols = t.shape.length === 2 ? t.shape[1]! : n;
  const rows = t.shape.length === 2 && cols > 1 && t.shape[0]! > 1 ? t.shape[0]! : 1;
  const row = (r: number): string => `[${Array.from({ length: n / rows }, (_, c) => formatNumber(t.data[r * (n / rows) + c]!, 3)).join(', ')}]`;
  return rows === 1 ? row(0) : `[${Array.from({ length: rows }, (_, r) => row(r)).join(', ')}]`;
}

function normText(data: ArrayLike<number>): string {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return `‖·‖=${formatNumber(Math.sqrt(s), 3)}`;
}

/** labelSummary(t), cached per tensor object. */
export function tensorSummary(t: Tensor): string {
  let s = summaryCache.get(t);
  if (s === undefined) summaryCache.set(t, s = labelSummary(t));
  return s;
}

/** The gradient line when the value line above already shows the shape: just the norm. */
export function gradLabelText(grad: Tensor, shapeShownAbove: boolean): string {
  return shapeShownAbove && grad.data.length > LABEL_MAX_ENTRIES ? `∂\u00a0‖·‖=${formatNumber(tensorNorm(grad), 3)}` : `∂\u00a0${tensorSummary(grad)}`;
}

export function tensorNorm(t: Tensor): number {
  let n = normCache.get(t);
  if (n === undefined) normCache.set(t, n = l2Norm(t.data));
  return n;
}

/** How long one slice of preparation may keep the UI thread. */
const SLICE_MS = 6;

/** Which labels are mounted (labels of large graphs off screen are not), and their text made ahead. */
export class LabelPreparer {
  private readonly mounted = new Set<string>();

  /** A label on screen; returns its unmount. */
  mount(edgeId: string): () => void {
    this.mounted.add(edgeId);
    return () => { this.mounted.delete(edgeId); };
  }

  /**
   * Computes the text of the mounted labels for `results`, yielding to the event loop between
   * slices. Resolves false as soon as `stillWanted` says the results were superseded.
   */
  async prepare(results: RunResults, stillWanted: () => boolean, mode: LabelMode = 'both'): Promise<boolean> {
    const values = mode === 'both' || mode === 'values', grads = mode === 'both' || mode === 'gradients';
    let sliceStart = performance.now();
    for (const id of [...this.mounted]) {
      const e = results.edges[id];
      if (!e) continue;
      tensorJson(e.value);
      tensorJson(e.grad);
      tensorNorm(e.grad); // the edge's colour and width
      if (values) tensorSummary(e.value);
      if (grads) gradLabelText(e.grad, values);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        if (!stillWanted()) return false;
        sliceStart = performance.now();
      }
    }
    return stillWanted();
  }
}

/** A macrotask boundary without setTimeout's clamping (input and rendering can run in between). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}
