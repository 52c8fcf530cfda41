// The text an edge label shows and carries (summaries, norm, exact JSON), computed once per tensor
// object (memos keyed by the immutable tensor). Every run brings new tensors for all edges; a
// LabelPreparer computes the text of the labels on screen in small slices *before* the results are
// published, so the React commit that swaps in the new results (every label and the status bar at
// once) does not format hundreds of tensors in one long task. It prepares only what a mounted label
// draws: the exact JSON it carries (data-value, data-grad) and the lines its label mode shows.
import { l2Norm, type EdgeResult, type Tensor } from '../../engine/index.ts';
import { gradLine, labelSummary } from '../../interop/notation/node-text.ts';
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

export { LABEL_MAX_ENTRIES, labelSummary } from '../../interop/notation/node-text.ts';

/** labelSummary(t), cached per tensor object. */
export function tensorSummary(t: Tensor): string {
  let s = summaryCache.get(t);
  if (s === undefined) summaryCache.set(t, s = labelSummary(t));
  return s;
}

/** The gradient line when the value line above already shows the shape: just the norm. */
export function gradLabelText(grad: Tensor, shapeShownAbove: boolean): string {
  return gradLine(grad, shapeShownAbove, tensorSummary(grad), tensorNorm(grad));
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

  /** The edges whose labels are on screen: a run's reply carries their numbers. */
  mountedEdges(): string[] {
    return [...this.mounted];
  }

  /** A label on screen; returns its unmount. */
  mount(edgeId: string): () => void {
    this.mounted.add(edgeId);
    return () => { this.mounted.delete(edgeId); };
  }

  /**
   * Computes the text of the mounted labels from a run's edge results, yielding to the event loop between
   * slices. Resolves false as soon as `stillWanted` says the results were superseded.
   */
  async prepare(edges: Readonly<Record<string, EdgeResult>>, stillWanted: () => boolean, mode: LabelMode = 'both'): Promise<boolean> {
    const values = mode === 'both' || mode === 'values', grads = mode === 'both' || mode === 'gradients';
    let sliceStart = performance.now();
    for (const id of [...this.mounted]) {
      const e = edges[id];
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
