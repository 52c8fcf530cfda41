// The text an edge label shows and carries (summaries, norm, exact JSON), computed once per tensor
// object. Every run brings new tensors for all edges; prepareLabels computes the text of the labels
// on screen in small slices *before* the results are published, so the React commit that swaps in
// the new results (every label and the status bar at once) does not format hundreds of tensors in
// one long task.
import { l2Norm, type RunResults, type Tensor } from '../../engine/index.ts';
import { summarizeTensor } from '../math/format.ts';

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

/** summarizeTensor(t, 4), as on the labels. */
export function tensorSummary(t: Tensor): string {
  let s = summaryCache.get(t);
  if (s === undefined) summaryCache.set(t, s = summarizeTensor(t, 4));
  return s;
}

export function tensorNorm(t: Tensor): number {
  let n = normCache.get(t);
  if (n === undefined) normCache.set(t, n = l2Norm(t.data));
  return n;
}

/** Ids of the edges whose label is mounted (labels of large graphs off screen are not). */
export const mountedLabels = new Set<string>();

/** How long one slice of preparation may keep the UI thread. */
const SLICE_MS = 6;

/**
 * Computes the label text of the mounted labels for `results`, yielding to the event loop between
 * slices. Resolves false as soon as `stillWanted` says the results were superseded.
 */
export async function prepareLabels(results: RunResults, stillWanted: () => boolean): Promise<boolean> {
  let sliceStart = performance.now();
  for (const id of [...mountedLabels]) {
    const e = results.edges[id];
    if (!e) continue;
    tensorJson(e.value);
    tensorJson(e.grad);
    tensorSummary(e.value);
    tensorSummary(e.grad);
    tensorNorm(e.grad);
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      if (!stillWanted()) return false;
      sliceStart = performance.now();
    }
  }
  return stillWanted();
}

/** A macrotask boundary without setTimeout's clamping (input and rendering can run in between). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}
