// Run results across the worker boundary as transferable Float64Arrays (no structured clone of
// thousands of small tensors, which took the UI thread 70 ms at 2,000 nodes). An edit's reply carries
// only the tensors of the labels on screen (`packLabels`); every number of the run follows when the UI
// asks for it (`packProgram`). The layout (which tensor sits where) changes only when the worker
// compiles a new program, so it is sent only then; the UI keeps it and reads each tensor as a view
// into the buffer, without a copy.
import { emptyRecord, type EdgeResult, type NodeResult, type ParamResult, type Program, type RunDiagnostic, type RunResults, type Shape, type Tensor } from '../../engine/index.ts';

/** Where one tensor sits in the buffer (`size` numbers from `at`: computed once per layout, not per view). */
interface Slot { readonly shape: Shape; readonly at: number; readonly size: number }

export interface ResultsLayout {
  readonly order: readonly string[];
  readonly nodes: readonly { readonly id: string; readonly output: Slot; readonly grad: Slot; readonly params: readonly { readonly name: string; readonly value: Slot; readonly grad: Slot }[] }[];
  readonly edges: readonly { readonly id: string; readonly value: Slot; readonly grad: Slot }[];
  /** Numbers in the buffer. */
  readonly size: number;
}

/** An edit's reply: the value and gradient of each edge in `edges`, one after the other in `data`. */
export interface PackedLabels {
  /** Present when it differs from the previous reply's (a new program). */
  readonly layout?: ResultsLayout;
  readonly edges: readonly string[];
  readonly data: Float64Array;
  readonly loss: number | null;
  readonly diagnostics: readonly RunDiagnostic[];
}

/** Where each of the program's buffers goes in the full packing: each tensor once (an edge's value is its source's output). */
function place(program: Program): { readonly results: RunResults; readonly at: ReadonlyMap<Tensor, number>; readonly size: number } {
  const at = new Map<Tensor, number>();
  let size = 0;
  // The snapshot's "copies" are the program's own buffers: placed here, copied (if at all) by the caller.
  const results = program.results((t) => { if (!at.has(t)) { at.set(t, size); size += t.data.length; } return t; });
  return { results, at, size };
}

/** The layout of the program's full packing (sent with its first reply). */
export function layoutOfProgram(program: Program): ResultsLayout {
  const { results, at, size } = place(program);
  return layoutOf(results, at, size);
}

/** Every value and gradient of the program's last run in one buffer, laid out as `layoutOfProgram` says, with no tensor allocated on the way. */
export function packProgram(program: Program): Float64Array {
  const { at, size } = place(program);
  const data = new Float64Array(size);
  for (const [t, offset] of at) data.set(t.data, offset);
  return data;
}

/** The value and gradient of each of these edges that the program has (edges not wired yet have none). */
export function packLabels(program: Program, edgeIds: readonly string[]): Pick<PackedLabels, 'edges' | 'data' | 'loss' | 'diagnostics'> {
  const results = program.results((t) => t);
  const edges = edgeIds.filter((id) => Object.hasOwn(results.edges, id));
  const data = new Float64Array(edges.reduce((n, id) => n + results.edges[id]!.value.data.length + results.edges[id]!.grad.data.length, 0));
  let at = 0;
  for (const id of edges) {
    const { value, grad } = results.edges[id]!;
    data.set(value.data, at);
    at += value.data.length;
    data.set(grad.data, at);
    at += grad.data.length;
  }
  return { edges, data, loss: results.loss, diagnostics: results.diagnostics };
}

function layoutOf(results: RunResults, at: ReadonlyMap<Tensor, number>, size: number): ResultsLayout {
  const slot = (t: Tensor): Slot => ({ shape: [...t.shape], at: at.get(t)!, size: t.data.length });
  const nodes = Object.entries(results.nodes).map(([id, n]) => ({
    id, output: slot(n.output), grad: slot(n.grad),
    params: Object.entries(n.params).map(([name, p]) => ({ name, value: slot(p.value), grad: slot(p.grad) })),
  }));
  const edges = Object.entries(results.edges).map(([id, e]) => ({ id, value: slot(e.value), grad: slot(e.grad) }));
  return { order: [...results.order], nodes, edges, size };
}

const edgeSlots = new WeakMap<ResultsLayout, ReadonlyMap<string, ResultsLayout['edges'][number]>>();

/** The labels' edge results, each tensor a view into `packed.data` (a record without a prototype: ids come from the file). */
export function unpackLabels(layout: ResultsLayout, packed: Pick<PackedLabels, 'edges' | 'data'>): Record<string, EdgeResult> {
  let slots = edgeSlots.get(layout);
  if (!slots) edgeSlots.set(layout, slots = new Map(layout.edges.map((e) => [e.id, e])));
  const edges = emptyRecord<EdgeResult>();
  let at = 0;
  const view = (s: Slot): Tensor => ({ shape: s.shape, data: packed.data.subarray(at, at += s.size) });
  for (const id of packed.edges) {
    const slot = slots.get(id);
    if (!slot) throw new Error(`unpackLabels: edge "${id}" is not in the layout`);
    edges[id] = { value: view(slot.value), grad: view(slot.grad) };
  }
  if (at !== packed.data.length) throw new Error(`unpackLabels: ${packed.data.length} numbers for ${at} in the layout`);
  return edges;
}

/**
 * The results again, every tensor a view into `data` (records without a prototype: ids come from the
 * file), except the edges in `shown`: the same run's label tensors, kept so their labels do not redraw.
 */
export function unpackResults(layout: ResultsLayout, data: Float64Array, run: Pick<RunResults, 'loss' | 'diagnostics'>, shown: Readonly<Record<string, EdgeResult>> = {}): RunResults {
  if (data.length !== layout.size) throw new Error(`unpackResults: ${data.length} numbers for a layout of ${layout.size}`);
  const view = (s: Slot): Tensor => ({ shape: s.shape, data: data.subarray(s.at, s.at + s.size) });
  const nodes = emptyRecord<NodeResult>();
  for (const n of layout.nodes) {
    const params = emptyRecord<ParamResult>();
    for (const p of n.params) params[p.name] = { value: view(p.value), grad: view(p.grad) };
    nodes[n.id] = { output: view(n.output), grad: view(n.grad), params };
  }
  const edges = emptyRecord<EdgeResult>();
  for (const e of layout.edges) edges[e.id] = Object.hasOwn(shown, e.id) ? shown[e.id]! : { value: view(e.value), grad: view(e.grad) };
  return { loss: run.loss, order: layout.order, nodes, edges, diagnostics: run.diagnostics };
}
