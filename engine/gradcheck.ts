// Central finite differences of the loss against the analytic gradient of every parameter and every
// data value. The checker is only useful if it can fail: the tests feed it a deliberately wrong VJP.
// Verdicts as torch.autograd.gradcheck: |a − n| ≤ atol + rtol·|n|, plus the rounding of the loss itself
// (ε·|L|/h: a loss of 10⁶ cannot resolve a slope better than 10⁻⁴ with h = 10⁻⁶). Steps stay inside the
// domains modules declare (a probability 1e-7 from 1 is stepped by 1e-9, one-sided on the edge), and an
// entry whose steps cross a declared kink (relu at 0) is "not differentiable here" rather than failed.
import { checkGradcheckBudget } from './budget.ts';
import { firstRunError } from './graph/diagnostics.ts';
import { GraphQueryError } from './graph/issues.ts';
import type { CompiledNode, Program } from './graph/program.ts';

export interface GradCheckOptions {
  /** Step h of (L(θ+h) − L(θ−h)) / 2h. */
  readonly epsilon?: number;
  /** Absolute part of the tolerance. */
  readonly atol?: number;
  /** Relative part of the tolerance, times |numeric|. */
  readonly rtol?: number;
  /** Called after each compared entry, with how many are done of how many (the CLI's progress line). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Operations the check may cost (default WORK_BUDGET); past it a BudgetError is thrown before any work. */
  readonly workBudget?: number;
}

export type GradCheckVerdict = 'ok' | 'failed' | 'kink';

/** One compared entry: analytic and numeric side by side. */
export interface GradCheckEntry {
  /** Row-major index into the tensor, and the same as "[row,col]". */
  readonly index: number;
  readonly position: string;
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic − numeric|. */
  readonly error: number;
  /** atol + rtol·|numeric| + the loss's rounding over the step. */
  readonly allowed: number;
  /** The step used: h, or less next to the edge of a domain. */
  readonly step: number;
  /** A node whose kink the steps crossed (the loss is not differentiable here). */
  readonly kinkAt?: string;
}

export interface GradCheckTensor {
  /** A parameter name, "value" (data nodes), "output" (dL/d(out)) or "in:<port>" (the share sent back along an edge). */
  readonly name: string;
  readonly shape: readonly number[];
  /** failed: an entry is off by more than allowed; kink: none failed, but some sit at a kink. */
  readonly verdict: GradCheckVerdict;
  /** The failed entry furthest off; else the first entry at a kink; else the one closest to its limit. */
  readonly worst: GradCheckEntry;
  /** Entries compared, and how many of them sit at a kink. */
  readonly checked: number;
  readonly kinks: number;
}

export interface GradCheckNode {
  readonly nodeId: string;
  readonly kind: string;
  readonly verdict: GradCheckVerdict;
  readonly tensors: GradCheckTensor[];
}

export interface GradCheckReport {
  readonly nodes: GradCheckNode[];
  /** No entry failed (entries at a kink do not fail). */
  readonly passed: boolean;
  readonly checked: number;
  readonly kinks: number;
  readonly epsilon: number;
  readonly atol: number;
  readonly rtol: number;
}

export const DEFAULT_EPSILON = 1e-6;
export const DEFAULT_ATOL = 1e-5;
export const DEFAULT_RTOL = 1e-3;
/** Rounding allowed for, in units of ε·|L| per evaluation of the loss. */
const ROUNDING_ULPS = 8;
/** Near the edge of a domain the step is at most this fraction of the distance to it (truncation ≈ fraction²/3). */
const EDGE_FRACTION = 0.01;
/** A step that still leaves a domain somewhere downstream is shrunk by 10 at most this often. */
const SHRINKS = 6;

export function gradientCheck(program: Program, options: GradCheckOptions = {}): GradCheckReport {
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  const tol = { atol: options.atol ?? DEFAULT_ATOL, rtol: options.rtol ?? DEFAULT_RTOL };
  if (program.lossNodes.length === 0) throw new GraphQueryError('the graph has no loss node, so there is no gradient to check');
  if (!program.dataGradients) throw new GraphQueryError('the gradient check needs every gradient: compile without dataGradients: false');
  const total = checkGradcheckBudget(program, options.workBudget);
  program.run();
  const outside = firstRunError(program.nodes);
  if (outside) throw new GraphQueryError(`no gradient to check: ${outside.message}`);
  const probe = new Probe(program, epsilon, tol, options.onProgress ? { report: options.onProgress, done: 0, total } : null);
  const nodes: GradCheckNode[] = [];
  const checkedParams = new Set<unknown>();
  program.nodes.forEach((n, position) => {
    // Perturbing a parameter or a data value re-runs the whole forward pass; perturbing a node's own
    // output re-runs only what follows it, which checks dL/d(out) of parameter-free modules too. A
    // parameter several nodes share (a shared composite module) is checked once, at its first use,
    // against its gradient summed over the uses.
    const tensors = n.paramNames.flatMap((name, i) => {
      const p = n.frame.params[i]!;
      if (checkedParams.has(p)) return [];
      checkedParams.add(p);
      return [probe.tensor(name, p, Float64Array.from(n.paramGrads[i]!.data), 0, null)];
    });
    if (n.frame.value) tensors.push(probe.tensor('value', n.frame.value, Float64Array.from(n.frame.gradOut.data), 0, consumerDomain(n)));
    else if (!n.def.isLoss) tensors.push(probe.tensor('output', n.frame.out, Float64Array.from(n.frame.gradOut.data), position + 1, consumerDomain(n)));
    tensors.push(...n.inputEdges.map((e) => probe.inputShare(position, e.port, e.portName, e.grad.data)));
    if (tensors.length === 0) return;
    nodes.push({ nodeId: n.id, kind: n.kind, verdict: worstVerdict(tensors.map((t) => t.verdict)), tensors });
  });
  program.run(); // leave the buffers as an ordinary run would
  const all = nodes.flatMap((n) => n.tensors);
  return {
    nodes, passed: all.every((t) => t.verdict !== 'failed'),
    checked: all.reduce((s, t) => s + t.checked, 0), kinks: all.reduce((s, t) => s + t.kinks, 0),
    epsilon, atol: tol.atol, rtol: tol.rtol,
  };
}

/** failed over kink over ok. */
export function worstVerdict(verdicts: readonly GradCheckVerdict[]): GradCheckVerdict {
  return verdicts.includes('failed') ? 'failed' : verdicts.includes('kink') ? 'kink' : 'ok';
}

interface Interval { readonly min: number; readonly max: number }

/** Where the consumers of a node's output are defined: the intersection of their ports' domains. */
function consumerDomain(n: CompiledNode): Interval | null {
  let min = -Infinity, max = Infinity;
  for (const e of n.outputEdges) {
    const c = e.target.def.domain?.[e.portName];
    if (c) { min = Math.max(min, c.min); max = Math.min(max, c.max); }
  }
  return min === -Infinity && max === Infinity ? null : { min, max };
}

/** Kinked inputs of a node: which input tensor, and where its kinks are. */
interface Kinked { readonly position: number; readonly node: CompiledNode; readonly port: number; readonly at: readonly number[]; seen: Float64Array }

class Probe {
  private readonly kinked: Kinked[];
  private readonly domained: { position: number; node: CompiledNode }[];

  constructor(
    private readonly program: Program, private readonly h: number, private readonly tol: { atol: number; rtol: number },
    private readonly progress: { report: (done: number, total: number) => void; done: number; readonly total: number } | null,
  ) {
    this.kinked = program.nodes.flatMap((node, position) => Object.entries(node.def.kinks ?? {}).map(([port, at]) => {
      const i = node.ports.indexOf(port);
      return { position, node, port: i, at, seen: new Float64Array(node.frame.inputs[i]!.data.length) };
    }));
    this.domained = program.nodes.flatMap((node, position) => (node.def.domain ? [{ position, node }] : []));
  }

  /**
   * dL/d(one input port of a node), i.e. the share its VJP sends back along that edge: the node gets a
   * private perturbed copy of the input, so other consumers of the same source are untouched. This is
   * what names a node whose own VJP is wrong, even when it has no parameters.
   */
  inputShare(position: number, port: number, portName: string, share: Float64Array): GradCheckTensor {
    const node = this.program.nodes[position]!;
    const inputs = node.frame.inputs;
    const original = inputs[port]!;
    const copy = { shape: original.shape, data: Float64Array.from(original.data) };
    inputs[port] = copy;
    try {
      return this.tensor(`in:${portName}`, copy, Float64Array.from(share), position, node.def.domain?.[portName] ?? null);
    } finally {
      inputs[port] = original;
    }
  }

  tensor(name: string, t: { shape: readonly number[]; data: Float64Array }, analytic: Float64Array, from: number, domain: Interval | null): GradCheckTensor {
    const values = t.data;
    let worstFail: GradCheckEntry | null = null, firstKink: GradCheckEntry | null = null, closest: GradCheckEntry | null = null;
    let kinks = 0;
    for (let k = 0; k < values.length; k++) {
      const e = this.entry(values, k, analytic[k]!, from, domain, t.shape);
      if (this.progress) this.progress.report(++this.progress.done, this.progress.total);
      const ratio = e.error / e.allowed;
      const fails = !(e.error <= e.allowed);
      if (fails && e.kinkAt !== undefined) { kinks++; firstKink ??= e; continue; }
      if (fails) { if (!worstFail || !(ratio <= worstFail.error / worstFail.allowed)) worstFail = e; continue; }
      if (!closest || ratio > closest.error / closest.allowed) closest = e;
    }
    this.program.forward(); // back to the unperturbed state, which the next output check builds on
    const verdict: GradCheckVerdict = worstFail ? 'failed' : firstKink ? 'kink' : 'ok';
    return { name, shape: t.shape, verdict, worst: (worstFail ?? firstKink ?? closest)!, checked: values.length, kinks };
  }

  /** One entry: a central difference (one-sided on the edge of its domain), compared with the analytic value. */
  private entry(values: Float64Array, k: number, analytic: number, from: number, domain: Interval | null, shape: readonly number[]): GradCheckEntry {
    const saved = values[k]!;
    const room = domain ? Math.min(saved - domain.min, domain.max - saved) : Infinity;
    // On the edge itself (a probability of exactly 0 or 1) the difference is one-sided, into the domain.
    const side = room > 0 ? 0 : domain && saved <= domain.min ? 1 : -1;
    let step = room > 0 ? Math.min(this.h, room * EDGE_FRACTION) : this.h;
    let d = this.difference(values, k, saved, side, step, from);
    for (let shrink = 0; !d && shrink < SHRINKS; shrink++) d = this.difference(values, k, saved, side, (step /= 10), from);
    values[k] = saved;
    const { numeric, maxAbs, kinkAt } = d ?? { numeric: NaN, maxAbs: NaN, kinkAt: undefined };
    const weight = side === 0 ? 1 : 4; // Σ|coefficients| / 2 of the difference formula
    const allowed = this.tol.atol + this.tol.rtol * Math.abs(numeric) + (ROUNDING_ULPS * Number.EPSILON * maxAbs * weight) / step;
    return { index: k, position: positionOf(k, shape), analytic, numeric, error: Math.abs(analytic - numeric), allowed, step, ...(kinkAt ? { kinkAt } : {}) };
  }

  /**
   * (L(v+h) − L(v−h)) / 2h, or s (−3L(v) + 4L(v+sh) − L(v+2sh)) / 2h on an edge (side s = ±1); null when a
   * step left a declared domain somewhere downstream (the caller shrinks it).
   */
  private difference(values: Float64Array, k: number, v: number, side: number, h: number, from: number): { numeric: number; maxAbs: number; kinkAt: string | undefined } | null {
    const at = (x: number, first: boolean) => { values[k] = x; return this.evaluate(from, first); };
    if (side === 0) {
      const plus = at(v + h, true), minus = plus && at(v - h, false);
      if (!plus || !minus) return null;
      return { numeric: (plus.loss - minus.loss) / (2 * h), maxAbs: Math.max(Math.abs(plus.loss), Math.abs(minus.loss)), kinkAt: minus.kinkAt };
    }
    const s = side * h;
    const l0 = at(v, true), l1 = l0 && at(v + s, false), l2 = l1 && at(v + 2 * s, false);
    if (!l0 || !l1 || !l2) return null;
    return { numeric: (-3 * l0.loss + 4 * l1.loss - l2.loss) / (2 * s), maxAbs: Math.max(Math.abs(l0.loss), Math.abs(l1.loss), Math.abs(l2.loss)), kinkAt: l1.kinkAt ?? l2.kinkAt };
  }

  /**
   * The loss re-run from `from`; null if a value left a declared domain on the way. `first` records the
   * inputs of kinked nodes; later calls report a kink when an input moved across one since.
   */
  private evaluate(from: number, first: boolean): { loss: number; kinkAt: string | undefined } | null {
    const loss = this.program.forwardFrom(from)!;
    for (const d of this.domained) if (d.position >= from && firstRunError([d.node])) return null;
    let kinkAt: string | undefined;
    for (const c of this.kinked) {
      if (c.position < from) continue;
      const x = c.node.frame.inputs[c.port]!.data;
      if (first) { c.seen.set(x); continue; }
      if (kinkAt === undefined && crosses(c.seen, x, c.at)) kinkAt = c.node.id;
    }
    return { loss, kinkAt };
  }
}

/** Did some entry move from a to b across (or onto) one of the kinks? */
function crosses(a: Float64Array, b: Float64Array, kinks: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    if (u === v) continue;
    for (const k of kinks) if ((u - k) * (v - k) <= 0) return true;
  }
  return false;
}

function positionOf(k: number, shape: readonly number[]): string {
  if (shape.length < 2) return `[${k}]`;
  const cols = shape[shape.length - 1]!;
  return `[${Math.floor(k / cols)},${k % cols}]`;
}
