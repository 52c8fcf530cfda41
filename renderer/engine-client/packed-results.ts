// Run results across the worker boundary as one transferable Float64Array (no structured clone of
// thousands of small tensors, which took the UI thread 70 ms at 2,000 nodes). The layout (which
// tensor sits where) changes only when the worker compiles a new program, so it is sent only then;
// the UI keeps it and reads each tensor as a view into the buffer, without a copy.
import { emptyRecord, sizeOf, type EdgeResult, type NodeResult, type ParamResult, type Program, type RunDiagnostic, type RunResults, type Shape, type Tensor } from '../../engine/index.ts';

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

/**
 * Every value and gradient of the program's last run in one buffer, each tensor once (an edge's value
 * is its source's output), with no tensor allocated on the way. `known` is the layout of an earlier
 * packing of the same program (copies are made in the same order, so they land in the same places).
 */
export function packProgram(program: Program, known?: ResultsLayout): PackedResults & { readonly layout: ResultsLayout } {
  const at = new Map<Tensor, number>();
  let size = 0;
  // The snapshot's "copies" are the program's own buffers: placed here, copied once below.
  const results = program.results((t) => { if (!at.has(t)) { at.set(t, size); size += t.data.length; } return t; });
  const data = new Float64Array(size);
  for (const [t, offset] of at) data.set(t.data, offset);
  const layout = known && known.size === size ? known : layoutOf(results, at, size);
  return { layout, data, loss: results.loss, diagnostics: results.diagnostics };
}

function layoutOf(results: RunResults, at: ReadonlyMap<Tensor, number>, size: number): ResultsLayout {
  const slot = (t: Tensor): Slot => ({ shape: [...t.shape], at: at.get(t)! });
  const nodes = Object.entries(results.nodes).map(([id, n]) => ({
    id, output: slot(n.output), grad: slot(n.grad),
    params: Object.entries(n.params).map(([name, p]) => ({ name, value: slot(p.value), grad: slot(p.grad) })),
  }));
  const edges = Object.entries(results.edges).map(([id, e]) => ({ id, value: slot(e.value), grad: slot(e.grad) }));
  return { order: [...results.order], nodes, edges, size };
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
