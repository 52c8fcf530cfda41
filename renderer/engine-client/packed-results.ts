// Run results across the worker boundary as one transferable Float64Array (no structured clone of
// thousands of small tensors, which took the UI thread 70 ms at 2,000 nodes). The layout (which
// tensor sits where) changes only when the worker compiles a new program, so it is sent only then;
// the UI keeps it and reads each tensor as a view into the buffer, without a copy.
import { emptyRecord, sizeOf, type EdgeResult, type NodeResult, type ParamResult, type RunDiagnostic, type RunResults, type Shape, type Tensor } from '../../engine/index.ts';

/** Where one tensor sits in the buffer. */
interface Slot { readonly shape: Shape; readonly at: number }

export interface ResultsLayout {
  readonly order: readonly string[];
  readonly nodes: readonly { readonly id: string; readonly output: Slot; readonly grad: Slot; readonly params: readonly { readonly name: string; readonly value: Slot; readonly grad: Slot }[] }[];
  readonly edges: readonly { readonly id: string; readonly value: Slot; readonly grad: Slot }[];
  /** Numbers in the buffer. */
  readonly size: number;
}

export interface PackedResults {
  /** Present when it differs from the previous reply's (a new program). */
  readonly layout?: ResultsLayout;
  readonly data: Float64Array;
  readonly loss: number | null;
  readonly diagnostics: readonly RunDiagnostic[];
}

/** The layout of results of this structure (same program, same layout). */
export function layoutOf(results: RunResults): ResultsLayout {
  let size = 0;
  const slot = (t: Tensor): Slot => { const s = { shape: [...t.shape], at: size }; size += t.data.length; return s; };
  const nodes = Object.entries(results.nodes).map(([id, n]) => ({
    id, output: slot(n.output), grad: slot(n.grad),
    params: Object.entries(n.params).map(([name, p]) => ({ name, value: slot(p.value), grad: slot(p.grad) })),
  }));
  const edges = Object.entries(results.edges).map(([id, e]) => ({ id, value: slot(e.value), grad: slot(e.grad) }));
  return { order: [...results.order], nodes, edges, size };
}

/** Copies every tensor of `results` into one buffer laid out as `layout` (of results of the same structure). */
export function packResults(results: RunResults, layout: ResultsLayout): { data: Float64Array; loss: number | null; diagnostics: readonly RunDiagnostic[] } {
  const data = new Float64Array(layout.size);
  const put = (s: Slot, t: Tensor | undefined): void => {
    if (!t || t.data.length !== sizeOf(s.shape)) throw new Error(`packResults: results do not match their layout at offset ${s.at}`);
    data.set(t.data, s.at);
  };
  for (const n of layout.nodes) {
    const r = results.nodes[n.id];
    put(n.output, r?.output);
    put(n.grad, r?.grad);
    for (const p of n.params) { put(p.value, r?.params[p.name]?.value); put(p.grad, r?.params[p.name]?.grad); }
  }
  for (const e of layout.edges) { put(e.value, results.edges[e.id]?.value); put(e.grad, results.edges[e.id]?.grad); }
  return { data, loss: results.loss, diagnostics: results.diagnostics };
}

/** The results again, every tensor a view into `packed.data` (records without a prototype: ids come from the file). */
export function unpackResults(layout: ResultsLayout, packed: PackedResults): RunResults {
  const { data } = packed;
  if (data.length !== layout.size) throw new Error(`unpackResults: ${data.length} numbers for a layout of ${layout.size}`);
  const view = (s: Slot): Tensor => ({ shape: s.shape, data: data.subarray(s.at, s.at + sizeOf(s.shape)) });
  const nodes = emptyRecord<NodeResult>();
  for (const n of layout.nodes) {
    const params = emptyRecord<ParamResult>();
    for (const p of n.params) params[p.name] = { value: view(p.value), grad: view(p.grad) };
    nodes[n.id] = { output: view(n.output), grad: view(n.grad), params };
  }
  const edges = emptyRecord<EdgeResult>();
  for (const e of layout.edges) edges[e.id] = { value: view(e.value), grad: view(e.grad) };
  return { loss: packed.loss, order: layout.order, nodes, edges, diagnostics: packed.diagnostics };
}
