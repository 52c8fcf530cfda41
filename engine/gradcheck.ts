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
  if (!program.dataGradients) throw new GraphQueryError('the gradient check needs every gradient: compile without dataGradients: false');
  program.run();
  const nodes: GradCheckNode[] = [];
  program.nodes.forEach((n, position) => {
    // Perturbing a parameter or a data value re-runs the whole forward pass; perturbing a node's own
    // output re-runs only what follows it, which checks dL/d(out) of parameter-free modules too.
    const targets = n.paramNames.map((name, i) => ({ name, values: n.frame.params[i]!.data, analytic: Float64Array.from(n.frame.gradParams[i]!.data), from: 0 }));
    if (n.frame.value) targets.push({ name: 'value', values: n.frame.value.data, analytic: Float64Array.from(n.frame.gradOut.data), from: 0 });
    else if (!n.def.isLoss) targets.push({ name: 'output', values: n.frame.out.data, analytic: Float64Array.from(n.frame.gradOut.data), from: position + 1 });
    const tensors = targets.map((t) => checkTensor(program, t.name, t.values, t.analytic, epsilon, t.from));
    tensors.push(...n.inputEdges.map((e) => checkInputShare(program, position, e.port, e.portName, e.grad.data, epsilon)));
    if (tensors.length === 0) return;
    const maxRelError = Math.max(...tensors.map((t) => t.maxRelError));
    nodes.push({ nodeId: n.id, maxRelError, tensors, passed: maxRelError <= tolerance });
  });
  program.run(); // leave the buffers as an ordinary run would
  const maxRelError = Math.max(0, ...nodes.map((n) => n.maxRelError));
  return { nodes, maxRelError, tolerance, epsilon, passed: maxRelError <= tolerance };
}

/**
 * dL/d(one input port of this node), i.e. the share its VJP sends back along that edge: the node gets a
 * private perturbed copy of the input, so other consumers of the same source are untouched. This is
 * what names a node whose own VJP is wrong, even when it has no parameters.
 */
function checkInputShare(program: Program, position: number, port: number, portName: string, share: Float64Array, h: number): GradCheckTensor {
  const inputs = program.nodes[position]!.frame.inputs;
  const original = inputs[port]!;
  const copy = { shape: original.shape, data: Float64Array.from(original.data) };
  inputs[port] = copy;
  try {
    return checkTensor(program, `in:${portName}`, copy.data, Float64Array.from(share), h, position);
  } finally {
    inputs[port] = original;
  }
}

function checkTensor(program: Program, name: string, values: Float64Array, analytic: Float64Array, h: number, from: number): GradCheckTensor {
  let worst = { maxRelError: 0, worstIndex: 0, analytic: analytic[0] ?? 0, numeric: analytic[0] ?? 0 };
  for (let k = 0; k < values.length; k++) {
    const saved = values[k]!;
    values[k] = saved + h;
    const plus = program.forwardFrom(from)!;
    values[k] = saved - h;
    const minus = program.forwardFrom(from)!;
    values[k] = saved;
    const numeric = (plus - minus) / (2 * h);
    const err = relativeError(analytic[k]!, numeric);
    if (err > worst.maxRelError || Number.isNaN(err)) worst = { maxRelError: err, worstIndex: k, analytic: analytic[k]!, numeric };
  }
  program.forward(); // back to the unperturbed state, which the next output check builds on
  return { name, ...worst };
}
