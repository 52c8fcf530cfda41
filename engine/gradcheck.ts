// Central finite differences of the loss against the analytic gradient of every parameter and every
// data value. The checker is only useful if it can fail: the tests feed it a deliberately wrong VJP.
import { GraphQueryError } from './graph/issues.ts';
import type { Program } from './graph/program.ts';

export interface GradCheckOptions {
  /** Step h of (L(θ+h) − L(θ−h)) / 2h. */
  readonly epsilon?: number;
  /** Largest relative error that passes. */
  readonly tolerance?: number;
}

export interface GradCheckTensor {
  readonly name: string;
  readonly maxRelError: number;
  readonly worstIndex: number;
  readonly analytic: number;
  readonly numeric: number;
}

export interface GradCheckNode {
  readonly nodeId: string;
  readonly maxRelError: number;
  readonly tensors: GradCheckTensor[];
  readonly passed: boolean;
}

export interface GradCheckReport {
  readonly nodes: GradCheckNode[];
  readonly maxRelError: number;
  readonly tolerance: number;
  readonly epsilon: number;
  readonly passed: boolean;
}

export const DEFAULT_EPSILON = 1e-6;
export const DEFAULT_TOLERANCE = 1e-5;
/** Below this magnitude a gradient counts as zero: the error is then measured absolutely. */
const MAGNITUDE_FLOOR = 1e-4;

export function relativeError(analytic: number, numeric: number): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), MAGNITUDE_FLOOR);
}

export function gradientCheck(program: Program, options: GradCheckOptions = {}): GradCheckReport {
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (program.lossNodes.length === 0) throw new GraphQueryError('the graph has no loss node, so there is no gradient to check');
  program.run();
  const nodes: GradCheckNode[] = [];
  for (const n of program.nodes) {
    const targets = n.paramNames.map((name, i) => ({ name, values: n.frame.params[i]!.data, analytic: Float64Array.from(n.frame.gradParams[i]!.data) }));
    if (n.frame.value) targets.push({ name: 'value', values: n.frame.value.data, analytic: Float64Array.from(n.frame.gradOut.data) });
    if (targets.length === 0) continue;
    const tensors = targets.map((t) => checkTensor(program, t.name, t.values, t.analytic, epsilon));
    const maxRelError = Math.max(...tensors.map((t) => t.maxRelError));
    nodes.push({ nodeId: n.id, maxRelError, tensors, passed: maxRelError <= tolerance });
  }
  program.run(); // leave the buffers as an ordinary run would
  const maxRelError = Math.max(0, ...nodes.map((n) => n.maxRelError));
  return { nodes, maxRelError, tolerance, epsilon, passed: maxRelError <= tolerance };
}

function checkTensor(program: Program, name: string, values: Float64Array, analytic: Float64Array, h: number): GradCheckTensor {
  let worst = { maxRelError: 0, worstIndex: 0, analytic: analytic[0] ?? 0, numeric: analytic[0] ?? 0 };
  for (let k = 0; k < values.length; k++) {
    const saved = values[k]!;
    values[k] = saved + h;
    const plus = program.forward()!;
    values[k] = saved - h;
    const minus = program.forward()!;
    values[k] = saved;
    const numeric = (plus - minus) / (2 * h);
    const err = relativeError(analytic[k]!, numeric);
    if (err > worst.maxRelError || Number.isNaN(err)) worst = { maxRelError: err, worstIndex: k, analytic: analytic[k]!, numeric };
  }
  return { name, ...worst };
}
