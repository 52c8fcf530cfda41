// What a graph needs in memory and work, counted from its shapes before anything is allocated, and refused
// above a budget with a typed error that names the node, the buffer and its size (issue 8.5): a size within
// the file format's limits (linear out = 10⁶) must end in a message, never in "Invalid typed array length".
import type { Analysis } from './graph/analyze.ts';
import type { CompiledNode, JacobianOf, Program } from './graph/program.ts';
import { quote } from './text/quote.ts';

/** The buffers of one compiled program (parameters, values, outputs, gradients) may use at most this. */
export const MEMORY_BUDGET_BYTES = 1e9;
/** One Jacobian or Hessian matrix may use at most this. */
export const MATRIX_BUDGET_BYTES = 256e6;
/**
 * A gradient check or Hessian may cost at most this many operations (multiply-adds and values visited),
 * about 20 s to a minute on the reference machine: a 100k-node chain or 10⁶ input values is refused.
 */
export const WORK_BUDGET = 1e10;
/** Per node and pass, the cost of visiting it at all, in operations: what makes a 100k-node chain slow. */
const NODE_OVERHEAD = 64;
const BYTES_PER_NUMBER = 8;

/** One buffer a program would allocate. */
export interface BufferNeed {
  readonly nodeId: string;
  /** A parameter name, "value", "output", "gradient of output", "gradient of W" or "gradient into <port>". */
  readonly name: string;
  readonly shape: readonly number[];
  readonly bytes: number;
}

/** Refused before allocating: names the node, the buffer, its shape and size, and the limit it passes. */
export class BudgetError extends Error {
  constructor(
    message: string,
    readonly nodeId: string | undefined,
    readonly neededBytes: number,
    readonly limitBytes: number,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** Bytes in decimal units, three significant digits: 8e12 → "8 TB", 5368709120 → "5.37 GB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB'];
  let u = 0, v = bytes;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${u === 0 ? v : Number(v.toPrecision(3))} ${units[u]}`;
}

/** 2.4e12 → "2.4·10¹²", small counts as they are. */
export function formatCount(n: number): string {
  if (n < 1e6) return String(Math.round(n));
  const e = Math.floor(Math.log10(n));
  const superscript = String(e).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
  return `${Number((n / 10 ** e).toPrecision(2))}·10${superscript}`;
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const need = (nodeId: string, name: string, shape: readonly number[]): BufferNeed => ({ nodeId, name, shape, bytes: sizeOf(shape) * BYTES_PER_NUMBER });

/** Every buffer compileGraph would allocate for an analysed graph (parameters only when not shared). */
export function programBuffers(analysis: Analysis, options: { readonly sharedParams?: boolean } = {}): BufferNeed[] {
  const out: BufferNeed[] = [];
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id)!;
    const shape = a.shape ?? [];
    if (a.def.valueFeatures) out.push(need(id, 'value', shape));
    out.push(need(id, 'output', shape), need(id, 'gradient of output', shape));
    a.inputEdges.forEach((e, port) => {
      const source = e ? analysis.nodes.get(e.source)?.shape : undefined;
      if (source) out.push(need(id, `gradient into ${a.ports[port] ?? port}`, source));
    });
    for (const [name, p] of Object.entries(a.def.paramShapes(a.config))) {
      if (!options.sharedParams) out.push(need(id, name, p));
      out.push(need(id, `gradient of ${name}`, p));
    }
  }
  return out;
}

/** Throws BudgetError when the program of `analysis` would need more than `budget` bytes. */
export function checkProgramBudget(analysis: Analysis, options: { readonly sharedParams?: boolean; readonly budget?: number } = {}): void {
  const budget = options.budget ?? MEMORY_BUDGET_BYTES;
  const buffers = programBuffers(analysis, options);
  const total = buffers.reduce((s, b) => s + b.bytes, 0);
  if (total <= budget) return;
  const largest = buffers.reduce((m, b) => (b.bytes > m.bytes ? b : m));
  throw new BudgetError(
    `node ${quote(largest.nodeId)}: ${largest.name} ${shapeText(largest.shape)} needs ${formatBytes(largest.bytes)}; `
      + `the graph needs ${formatBytes(total)} at batch ${analysis.batch}, more than the ${formatBytes(budget)} a run may use`,
    largest.nodeId, total, budget,
  );
}

/** Throws BudgetError when one node's local Jacobian for one sample would not fit. */
export function checkJacobianBudget(node: CompiledNode, of: JacobianOf, budget = MATRIX_BUDGET_BYTES): void {
  const rows = node.frame.out.shape.at(-1) ?? 1;
  const wrt = 'input' in of ? node.frame.inputs[node.ports.indexOf(of.input)] : node.frame.params[node.paramNames.indexOf(of.param)];
  if (!wrt) return; // the program names the missing port or parameter
  const cols = 'input' in of ? (wrt.shape.at(-1) ?? 1) : wrt.data.length;
  const bytes = rows * cols * BYTES_PER_NUMBER;
  if (bytes <= budget) return;
  const name = 'input' in of ? of.input : of.param;
  throw new BudgetError(`node ${quote(node.id)}: the Jacobian d(out)/d(${quote(name)}) [${rows}, ${cols}] needs ${formatBytes(bytes)}, more than the ${formatBytes(budget)} a matrix may use`, node.id, bytes, budget);
}

/** Operations of one forward pass from node `from` on (0: the whole graph). */
export function forwardWork(program: Program, from = 0): number {
  let work = 0;
  for (let i = from; i < program.nodes.length; i++) {
    const f = program.nodes[i]!.frame;
    const params = f.params.reduce((s, p) => s + p.data.length, 0);
    work += NODE_OVERHEAD + f.out.data.length + program.batch * params + f.inputs.reduce((s, t) => s + t.data.length, 0);
  }
  return work;
}

/** What a gradient check compares: every parameter, data value, node output and input share. */
export function gradcheckEntries(program: Program): { entries: number; largest: { nodeId: string; name: string; shape: readonly number[]; size: number } | null } {
  let entries = 0;
  let largest: { nodeId: string; name: string; shape: readonly number[]; size: number } | null = null;
  const add = (nodeId: string, name: string, shape: readonly number[]): void => {
    const size = sizeOf(shape);
    entries += size;
    if (!largest || size > largest.size) largest = { nodeId, name, shape, size };
  };
  const seen = new Set<unknown>(); // a shared parameter is checked once
  for (const n of program.nodes) {
    n.paramNames.forEach((name, i) => { const p = n.frame.params[i]!; if (!seen.has(p)) add(n.id, name, p.shape); seen.add(p); });
    if (n.frame.value) add(n.id, 'value', n.frame.value.shape);
    else if (!n.def.isLoss) add(n.id, 'output', n.frame.out.shape);
    for (const e of n.inputEdges) add(n.id, `in:${e.portName}`, e.grad.shape);
  }
  return { entries, largest };
}

/** Throws BudgetError when a gradient check of `program` would cost more than `budget` operations; returns its entry count. */
export function checkGradcheckBudget(program: Program, budget = WORK_BUDGET): number {
  const { entries, largest } = gradcheckEntries(program);
  const pass = forwardWork(program);
  const work = 2 * entries * pass; // a central difference: two forward passes per entry
  if (work <= budget || !largest) return entries;
  const { nodeId, name, shape } = largest as { nodeId: string; name: string; shape: readonly number[] };
  throw new BudgetError(
    `a gradient check of this graph compares ${formatCount(entries)} entries (the most: node ${quote(nodeId)}, ${name} ${shapeText(shape)}), `
      + `2 forward passes of about ${formatCount(pass)} operations each: ${formatCount(work)} operations, more than the ${formatCount(budget)} allowed`,
    nodeId, work, budget,
  );
}

/** Throws BudgetError when an n×n Hessian of `program` would not fit or would cost more than `budget` operations. */
export function checkHessianBudget(program: Program, n: number, budget = WORK_BUDGET, matrixBudget = MATRIX_BUDGET_BYTES): void {
  const bytes = n * n * BYTES_PER_NUMBER;
  if (bytes > matrixBudget) throw new BudgetError(`the Hessian [${n}, ${n}] needs ${formatBytes(bytes)}, more than the ${formatBytes(matrixBudget)} a matrix may use`, undefined, bytes, matrixBudget);
  const pass = 4 * forwardWork(program); // a tangent through the forward pass, then through the backward pass
  const work = n * pass;
  if (work > budget) {
    throw new BudgetError(`the Hessian of ${n} entries pushes ${n} tangents of about ${formatCount(pass)} operations each: ${formatCount(work)} operations, more than the ${formatCount(budget)} allowed`, undefined, work, budget);
  }
}
