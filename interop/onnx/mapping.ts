// The ONNX mapping, both ways, in one table per direction. Export: each module kind is one ONNX node
// over its inputs' values and its parameters (initializers "<nodeId>.<param>"); a loss is a call of a
// function the model defines (domain LOSS_DOMAIN), whose body is standard operators, so any runtime
// with model-local functions (ONNX IR 8) runs it and the import knows it again. Import: the standard
// operators below become kinds; Gemm and MatMul (+ Add) become linear layers (import.ts).
import type { ModuleKind } from '../../engine/index.ts';
import { attr as attrOf, INT64, int64Tensor, intAttr, intsAttr, TENSOR, LOSS_DOMAIN, OPSET, tensorAttr, tensorProto, type Attribute, type Dtype, type FunctionProto, type Node, type TensorProto } from './proto.ts';

export type Reduction = 'sum' | 'mean';
export type LossKind = 'mse' | 'l1' | 'huber' | 'bce' | 'bce_logits' | 'softmax_ce';

export interface OpCall {
  readonly opType: string;
  readonly domain?: string;
  readonly attribute?: readonly Attribute[];
  /** Constant inputs after the value inputs (ReduceSum's axes): Constant nodes named "<nodeId>/<name>". */
  readonly constants?: readonly TensorProto[];
}

const op = (opType: string, ...attribute: Attribute[]): OpCall => ({ opType, attribute });

/** Kinds that are one standard operator (their parameters, if any, follow the inputs). */
export const kindOps: Partial<Record<ModuleKind, OpCall>> = {
  linear: op('Gemm', intAttr('transB', 1)),
  sigmoid: op('Sigmoid'),
  tanh: op('Tanh'),
  relu: op('Relu'),
  softmax: op('Softmax', intAttr('axis', -1)),
  add: op('Add'),
  multiply: op('Mul'),
  concat: op('Concat', intAttr('axis', 1)),
  sum: { ...op('ReduceSum', intAttr('keepdims', 1)), constants: [int64Tensor('axes', [1])] },
  mean: op('ReduceMean', intsAttr('axes', [1]), intAttr('keepdims', 1)),
};

/** Each loss's function name stem; the reduction is its suffix: "MseLossSum", "SoftmaxCrossEntropyLossMean". */
export const lossNames: Record<LossKind, string> = {
  mse: 'MseLoss', l1: 'L1Loss', huber: 'HuberLoss', bce: 'BceLoss', bce_logits: 'BceWithLogitsLoss', softmax_ce: 'SoftmaxCrossEntropyLoss',
};

export const isLossKind = (kind: string): kind is LossKind => Object.hasOwn(lossNames, kind);
const suffix = (r: Reduction): string => (r === 'sum' ? 'Sum' : 'Mean');
export const lossFunctionName = (kind: LossKind, r: Reduction): string => `${lossNames[kind]}${suffix(r)}`;

/** A function name of ours back to its loss kind and reduction, or null. */
export function parseLossFunction(opType: string): { kind: LossKind; reduction: Reduction } | null {
  for (const [kind, stem] of Object.entries(lossNames) as [LossKind, string][]) {
    if (opType === `${stem}Sum`) return { kind, reduction: 'sum' };
    if (opType === `${stem}Mean`) return { kind, reduction: 'mean' };
  }
  return null;
}

/** Builds a function body: every value is local to it, named by the step that makes it ("_mul3"). */
export class Body {
  readonly nodes: Node[] = [];
  private count = 0;
  constructor(private readonly dtype: Dtype) {}
  add(opType: string, inputs: string[], ...attribute: Attribute[]): string {
    // "_" first: a formula's variables (the function's inputs) are identifiers of their own.
    return this.into(`_${opType.toLowerCase()}${++this.count}`, opType, inputs, ...attribute);
  }
  into(out: string, opType: string, inputs: string[], ...attribute: Attribute[]): string {
    this.nodes.push({ opType, input: inputs, output: [out], ...(attribute.length ? { attribute } : {}) });
    return out;
  }
  constant(value: number): string {
    return this.add('Constant', [], tensorAttr('value', tensorProto('', [], [value], this.dtype)));
  }
}

/**
 * Σ over every element of the loss's terms, as the engine writes each loss's forward pass:
 * mse ½ Σ (p − t)², bce −Σ [t max(log p, −100) + (1 − t) max(log(1 − p), −100)] (torch's clamp),
 * bce_logits Σ [max(z, 0) − z t + log(1 + e^−|z|)], softmax_ce −Σ t log softmax(z) (log-sum-exp inside).
 */
function summed(b: Body, kind: LossKind, p: string, t: string): { sum: string; scale: number } {
  const total = (x: string): string => b.add('ReduceSum', [x], intAttr('keepdims', 0));
  switch (kind) {
    case 'mse': {
      const d = b.add('Sub', [p, t]);
      return { sum: total(b.add('Mul', [d, d])), scale: 0.5 };
    }
    case 'l1':
      return { sum: total(b.add('Abs', [b.add('Sub', [p, t])])), scale: 1 };
    case 'huber': {
      // ρ(d) = q (|d| − ½q) with q = min(|d|, δ): ½d² inside δ, δ(|d| − ½δ) outside; δ is the call's attribute.
      const a = b.add('Abs', [b.add('Sub', [p, t])]);
      const delta = b.add('Constant', [], { name: 'value', refAttrName: 'delta', type: TENSOR });
      const q = b.add('Min', [a, delta]);
      return { sum: total(b.add('Mul', [q, b.add('Sub', [a, b.add('Mul', [b.constant(0.5), q])])])), scale: 1 };
    }
    case 'bce': {
      const one = b.constant(1), floor = b.constant(-100);
      const logP = b.add('Max', [b.add('Log', [p]), floor]);
      const logQ = b.add('Max', [b.add('Log', [b.add('Sub', [one, p])]), floor]);
      const terms = b.add('Add', [b.add('Mul', [t, logP]), b.add('Mul', [b.add('Sub', [one, t]), logQ])]);
      return { sum: b.add('Neg', [total(terms)]), scale: 1 };
    }
    case 'bce_logits': {
      const one = b.constant(1);
      const softplus = b.add('Log', [b.add('Add', [one, b.add('Exp', [b.add('Neg', [b.add('Abs', [p])])])])]);
      const terms = b.add('Add', [b.add('Sub', [b.add('Relu', [p]), b.add('Mul', [p, t])]), softplus]);
      return { sum: total(terms), scale: 1 };
    }
    case 'softmax_ce':
      return { sum: b.add('Neg', [total(b.add('Mul', [t, b.add('LogSoftmax', [p], intAttr('axis', 1))]))]), scale: 1 };
  }
}

/** The model-local function of a loss: inputs (prediction, target), output the scalar loss r·Σ. */
export function lossFunction(kind: LossKind, reduction: Reduction, dtype: Dtype): FunctionProto {
  const b = new Body(dtype);
  const { sum, scale } = summed(b, kind, 'pred', 'target');
  let factor = scale === 1 ? null : b.constant(scale);
  if (reduction === 'mean') {
    // r = 1/B, B the batch: the first dimension of the prediction, at run time.
    const batch = b.add('CastLike', [b.add('Gather', [b.add('Shape', ['pred']), b.add('Constant', [], tensorAttr('value', { dims: [], dataType: INT64, int64Data: [0] }))]), 'pred']);
    const r = b.add('Div', [b.constant(1), batch]);
    factor = factor ? b.add('Mul', [factor, r]) : r;
  }
  b.into('loss', factor ? 'Mul' : 'Identity', factor ? [factor, sum] : [sum]);
  return {
    name: lossFunctionName(kind, reduction), domain: LOSS_DOMAIN, input: ['pred', 'target'], output: ['loss'],
    ...(kind === 'huber' ? { attribute: ['delta'] } : {}),
    opsetImport: [{ domain: '', version: OPSET }], node: b.nodes,
    docString: `Backprop Studio's ${kind} loss, ${reduction} over the batch`,
  };
}

/** Import: the standard operators that are one kind each (Gemm, MatMul, Add with a bias … are in import.ts). */
export const importKinds: Readonly<Record<string, ModuleKind>> = {
  Sigmoid: 'sigmoid', Tanh: 'tanh', Relu: 'relu', Softmax: 'softmax', Add: 'add', Mul: 'multiply', Concat: 'concat',
  ReduceSum: 'sum', ReduceMean: 'mean',
};

/** Import: operators that pass their input on unchanged for [batch, features] values. */
export const passThrough: ReadonlySet<string> = new Set(['Identity', 'Flatten']);

export interface Weight { readonly name: string; readonly dims: number[]; readonly data: Float64Array }
type Matrix = { readonly dims: number[]; readonly data: Float64Array };

/**
 * Gemm (Y = α A B' + β C, B' = B or Bᵀ) or MatMul (Y = A B, then + bias) as a linear layer's W [out, in]
 * and b [out]: W = α B' ᵀ, b = β C (a scalar C is spread over the outputs). `weight(i)` is the node's
 * i-th input as an initializer (null where absent); `fail` throws the importer's error, naming the node.
 */
export function linearFrom(n: Node, features: number, weight: (i: number) => Weight | null, bias: Weight | null, fail: (why: string) => never): { W: Matrix; b: Matrix | null } {
  const gemm = n.opType === 'Gemm';
  const B = weight(1) ?? fail('needs a weight matrix as its second input');
  if (gemm && (attrOf(n, 'transA') ?? 0) !== 0) fail('transA = 1 (a transposed input) cannot be imported');
  if (B.dims.length !== 2) fail(`its weight "${B.name}" has shape [${B.dims.join(', ')}]; expected a matrix`);
  const transB = gemm && (attrOf(n, 'transB') ?? 0) === 1;
  const [rows, cols] = B.dims as [number, number];
  const [inF, out] = transB ? [cols, rows] : [rows, cols];
  if (inF !== features) fail(`its weight "${B.name}" takes ${inF} features, but its input has ${features}`);
  const alpha = gemm ? (attrOf(n, 'alpha') ?? 1) : 1, beta = gemm ? (attrOf(n, 'beta') ?? 1) : 1;
  const W = new Float64Array(out * inF);
  for (let o = 0; o < out; o++) for (let k = 0; k < inF; k++) W[o * inF + k] = alpha * B.data[transB ? o * inF + k : k * out + o]!;
  const C = gemm ? weight(2) : bias;
  if (!C) return { W: { dims: [out, inF], data: W }, b: null };
  const size = C.data.length;
  if (size !== out && size !== 1) fail(`its bias "${C.name}" has ${size} values for ${out} outputs`);
  if (C.dims.length > 2 || (C.dims.length === 2 && C.dims[0] !== 1)) fail(`its bias "${C.name}" has shape [${C.dims.join(', ')}]; expected [${out}]`);
  const b = Float64Array.from({ length: out }, (_, o) => beta * C.data[size === 1 ? 0 : o]!);
  return { W: { dims: [out, inF], data: W }, b: { dims: [out], data: b } };
}
