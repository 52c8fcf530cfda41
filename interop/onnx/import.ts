// ONNX model → graph. Graph inputs become input nodes (target nodes where they feed only a loss's
// target), initializers the parameters of the layers they feed, and each supported operator a node
// (mapping.ts); Identity and Flatten pass their value on. Anything else is refused at once, naming
// every unsupported operator and node. The graph gets sample data (ROWS rows), a loss if it has none
// (mse against zeros for each output) so it runs and shows gradients, and a layout.
import { analyzeGraph, createRng, hashSeed, type Graph, type GraphNode, type ModuleKind } from '../../engine/index.ts';
import { FORMULA_DOC, FORMULA_PREFIX } from './formula.ts';
import { layOut } from './layout.ts';
import { importKinds, isLossKind, linearFrom, parseLossFunction, passThrough, type Weight } from './mapping.ts';
import { attr, decodeModel, intsOf, intValues, LOSS_DOMAIN, PRODUCER, tensorOf, tensorValues, valueDims, type FunctionProto, type Node, type TensorProto } from './proto.ts';

/** The model cannot be imported; the message names each operator and node, or the value, that is the reason. */
export class OnnxImportError extends Error {
  override readonly name = 'OnnxImportError';
}

/** Rows of sample data each data node of an imported graph gets. */
export const ROWS = 4;

export interface OnnxImportOptions {
  /** The graph's name when the model has none (e.g. the file name). */
  readonly name?: string;
}

interface Value { readonly node: string; readonly features: number }

const nodeName = (n: Node): string => n.name || n.output?.[0] || n.opType || '?';
const describe = (n: Node): string => `${n.domain ? `${n.domain}.` : ''}${n.opType} (node "${nodeName(n)}")`;
const supported = (n: Node, formulas: ReadonlyMap<string, Formula>): boolean => (!n.domain || n.domain === 'ai.onnx')
  ? Object.hasOwn(importKinds, n.opType ?? '') || passThrough.has(n.opType ?? '') || ['Gemm', 'MatMul', 'Constant'].includes(n.opType ?? '')
  : n.domain === LOSS_DOMAIN && (parseLossFunction(n.opType ?? '') !== null || formulas.has(n.opType ?? ''));

interface Formula { readonly expression: string; readonly inputs: string[] }

/** Our formula functions by name: the expression is their doc_string after "y = ", the variables their inputs. */
function formulasOf(functions: readonly FunctionProto[]): Map<string, Formula> {
  return new Map(functions.filter((f) => f.domain === LOSS_DOMAIN && f.name?.startsWith(FORMULA_PREFIX) && f.docString?.startsWith(FORMULA_DOC))
    .map((f) => [f.name!, { expression: f.docString!.slice(FORMULA_DOC.length), inputs: [...(f.input ?? [])] }]));
}

export function importOnnx(bytes: Uint8Array, options: OnnxImportOptions = {}): Graph {
  let model;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    throw new OnnxImportError(`not an ONNX model (${(e as Error).message})`);
  }
  const g = model.graph;
  if (!g) throw new OnnxImportError('the ONNX model has no graph');
  const formulas = formulasOf(model.functions ?? []);
  const refused = (g.node ?? []).filter((n) => !supported(n, formulas)).map(describe);
  if (refused.length > 0) {
    throw new OnnxImportError(`unsupported ONNX operator${refused.length > 1 ? 's' : ''}: ${refused.join(', ')}; Backprop Studio imports Gemm, MatMul (+ Add), Add, Mul, Sigmoid, Tanh, Relu, Softmax (last axis), Concat (axis 1), ReduceSum and ReduceMean (axis 1), Identity, Flatten and Constant`);
  }
  const ours = model.producerName === PRODUCER;
  const opset = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx')?.version;
  // Our exports carry the graph's name; other exporters' graph names are generic ("main_graph"): the file's is better.
  const title = (ours ? model.docString || g.name : options.name || g.name) || 'Imported ONNX model';
  return new Importer(ours, Number(opset ?? 17), formulas).run(g, title);
}

class Importer {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: Graph['edges'] = [];
  private readonly values = new Map<string, Value>();
  private readonly weights = new Map<string, Weight>();
  /** int64 constants (initializers or Constant nodes): the axes of ReduceSum. */
  private readonly ints = new Map<string, number[]>();
  private readonly ids = new Set<string>();
  private readonly absorbed = new Set<Node>();
  private readonly targetsOf = new Map<string, string>();
  private graphOutputs = new Set<string>();

  constructor(private readonly ours: boolean, private readonly opset: number, private readonly formulas: ReadonlyMap<string, Formula>) {}

  run(g: import('onnx-proto').onnx.IGraphProto, title: string): Graph {
    const constant = (name: string, t: TensorProto): void => {
      const data = tensorValues(t), ints = intValues(t);
      if (data) this.weights.set(name, { name, dims: (t.dims ?? []).map(Number), data });
      if (ints) this.ints.set(name, ints);
    };
    for (const t of g.initializer ?? []) constant(t.name ?? '', t);
    for (const n of g.node ?? []) {
      const t = n.opType === 'Constant' ? tensorOf(n, 'value') : undefined;
      if (t) constant(n.output?.[0] ?? '', t);
      else if (n.opType === 'Constant') throw new OnnxImportError(`${describe(n)}: only a tensor value can be imported`);
    }
    this.graphOutputs = new Set((g.output ?? []).map((o) => o.name ?? ''));
    const nodes = g.node ?? [];
    for (const n of nodes) {
      const loss = n.domain === LOSS_DOMAIN ? parseLossFunction(n.opType ?? '') : null;
      if (loss && n.input?.[1]) this.targetsOf.set(n.input[1], loss.kind);
    }
    for (const input of g.input ?? []) {
      if (this.weights.has(input.name ?? '')) continue; // older exporters list initializers as inputs too
      const dims = valueDims(input);
      const size = dims?.length === 2 ? dims[1] : null;
      if (!size) throw new OnnxImportError(`graph input "${input.name}" has shape [${dims?.map((d) => d ?? '?').join(', ') ?? '?'}]; only [batch, features] inputs can be imported`);
      const id = this.claim(input.name || 'x');
      const loss = this.targetsOf.get(input.name ?? '');
      const onlyTarget = nodes.every((n) => !n.input?.includes(input.name ?? '') || (n.domain === LOSS_DOMAIN && n.input.indexOf(input.name ?? '') === 1));
      const kind = loss && onlyTarget ? 'target' : 'input';
      const name = this.ours && input.docString && input.docString.length <= 80 ? { name: input.docString } : {};
      this.nodes.push({ id, kind, ...name, config: { size }, value: { shape: [ROWS, size], data: sampleData(id, kind === 'target' ? loss! : 'input', size) } });
      this.values.set(input.name ?? '', { node: id, features: size });
    }
    for (const n of nodes) if (!this.absorbed.has(n)) this.node(n, nodes);
    if (!this.nodes.some((n) => isLossKind(n.kind))) this.addLosses(g);
    const graph = layOut({ name: title.slice(0, 200), nodes: this.nodes, edges: this.edges });
    const issue = analyzeGraph(graph).issues[0];
    if (issue) throw new OnnxImportError(`the imported graph does not run: ${issue.message}`);
    return graph;
  }

  private node(n: Node, all: readonly Node[]): void {
    const op = n.opType ?? '';
    const out = n.output?.[0] ?? '';
    if (op === 'Constant') return; // read up front, used where a weight or axes are
    if (passThrough.has(op)) {
      if (op === 'Flatten' && (attr(n, 'axis') ?? 1) !== 1) throw new OnnxImportError(`${describe(n)}: only axis 1 can be imported`);
      this.values.set(out, this.value(n, 0));
      return;
    }
    if (op === 'Gemm' || op === 'MatMul') {
      const bias = op === 'MatMul' ? this.biasAfter(n, all) : null;
      const x = this.value(n, 0);
      const { W, b } = linearFrom(n, x.features, (i) => this.weight(n, i), bias?.weight ?? null, (why) => { throw new OnnxImportError(`${describe(n)}: ${why}`); });
      const end = bias?.add ?? n;
      const id = this.add(end, 'linear', { in: x.features, out: W.dims[0]!, bias: b !== null, init: 'xavier' }, [['in', x]]);
      const node = this.nodes.at(-1)!;
      node.params = { W: { shape: W.dims, data: [...W.data] }, ...(b ? { b: { shape: b.dims, data: [...b.data] } } : {}) };
      this.values.set(end.output?.[0] ?? '', { node: id, features: W.dims[0]! });
      return;
    }
    const formula = n.domain === LOSS_DOMAIN ? this.formulas.get(op) : undefined;
    if (formula) {
      const inputs = formula.inputs.map((port, i): [string, Value] => [port, this.value(n, i)]);
      const features = Math.max(...inputs.map(([, v]) => v.features));
      this.values.set(out, { node: this.add(n, 'formula', { expression: formula.expression, inputs: formula.inputs }, inputs), features });
      return;
    }
    const loss = n.domain === LOSS_DOMAIN ? parseLossFunction(op) : null;
    if (loss) {
      const [p, t] = [this.value(n, 0), this.value(n, 1)];
      const delta = tensorOf(n, 'delta');
      const config = { reduction: loss.reduction, ...(delta ? { delta: tensorValues(delta)?.[0] } : {}) };
      const first = loss.kind === 'bce_logits' || loss.kind === 'softmax_ce' ? 'logits' : 'pred';
      this.add(n, loss.kind, config, [[first, p], ['target', t]]);
      return;
    }
    const kind = importKinds[op]!;
    if (op === 'Softmax' && ![1, -1].includes(attr(n, 'axis') ?? (this.opset >= 13 ? -1 : 1))) throw new OnnxImportError(`${describe(n)}: only a softmax over the last axis (the features) can be imported`);
    if (op === 'Concat') return this.concat(n);
    if (op === 'ReduceSum' || op === 'ReduceMean') return this.reduce(n, kind);
    const inputs = (n.input ?? []).map((_, i) => this.value(n, i));
    const ports = inputs.length === 1 ? ['in'] : ['a', 'b'];
    this.values.set(out, { node: this.add(n, kind, {}, inputs.map((v, i) => [ports[i]!, v])), features: inputs[0]!.features });
  }

  /** ReduceSum / ReduceMean over the features, keeping the dimension: [B, F] → [B, 1]. */
  private reduce(n: Node, kind: ModuleKind): void {
    const axesInput = n.input?.[1];
    const axes = axesInput ? this.ints.get(axesInput) : intsOf(n, 'axes');
    if (axesInput && !axes) throw new OnnxImportError(`${describe(n)}: its axes "${axesInput}" must be a constant`);
    if ((attr(n, 'keepdims') ?? 1) !== 1 || !axes || axes.length !== 1 || ![1, -1].includes(axes[0]!)) {
      throw new OnnxImportError(`${describe(n)}: only a reduction over axis 1 (the features) with keepdims = 1 can be imported`);
    }
    const x = this.value(n, 0);
    this.values.set(n.output?.[0] ?? '', { node: this.add(n, kind, {}, [['in', x]]), features: 1 });
  }

  /** Concat of k values along the features: a chain of k − 1 two-input concat nodes. */
  private concat(n: Node): void {
    if (![1, -1].includes(attr(n, 'axis') ?? 1)) throw new OnnxImportError(`${describe(n)}: only a concat along axis 1 (the features) can be imported`);
    let acc = this.value(n, 0);
    for (let i = 1; i < (n.input ?? []).length; i++) {
      const next = this.value(n, i), features = acc.features + next.features;
      const last = i === n.input!.length - 1;
      acc = { node: this.add(last ? n : { ...n, name: `${nodeName(n)}_${i}`, output: [`${n.output?.[0]}_${i}`] }, 'concat', {}, [['a', acc], ['b', next]]), features };
    }
    this.values.set(n.output?.[0] ?? '', acc);
  }

  /** A MatMul whose only consumer adds a constant vector to it: that Add is the layer's bias. */
  private biasAfter(n: Node, all: readonly Node[]): { add: Node; weight: Weight } | null {
    const out = n.output?.[0] ?? '';
    const users = all.filter((m) => m.input?.includes(out));
    const add = users.length === 1 && users[0]!.opType === 'Add' && !this.graphOutputs.has(out) ? users[0]! : null;
    const other = add?.input?.find((i) => i !== out);
    const weight = other !== undefined ? this.weights.get(other) : undefined;
    if (!add || !weight) return null;
    this.absorbed.add(add);
    return { add, weight };
  }

  private value(n: Node, i: number): Value {
    const name = n.input?.[i] ?? '';
    const v = this.values.get(name);
    if (v) return v;
    if (this.weights.has(name)) throw new OnnxImportError(`${describe(n)}: input ${i + 1} is the constant "${name}"; only Gemm and MatMul (+ Add) take constants (their weights and bias)`);
    throw new OnnxImportError(`${describe(n)}: its input "${name}" is not produced by any node or graph input`);
  }

  private weight(n: Node, i: number): Weight | null {
    const name = n.input?.[i];
    if (name === undefined || name === '') return null;
    const w = this.weights.get(name);
    if (!w) throw new OnnxImportError(`${describe(n)}: input ${i + 1} ("${name}") must be a float initializer (a weight), not a value computed by the graph`);
    return w;
  }

  /** Adds a node for ONNX node `n`: its id is the value it makes (ours, or a graph output), else its name. */
  private add(n: Node, kind: string, config: Record<string, unknown>, inputs: [string, Value][]): string {
    const out = n.output?.[0] ?? '';
    const id = this.claim(this.ours || this.graphOutputs.has(out) ? out : preferredId(n));
    const name = this.ours && n.docString && n.docString.length <= 80 ? { name: n.docString } : {};
    this.nodes.push({ id, kind, ...name, ...(Object.keys(config).length ? { config } : {}) });
    for (const [port, v] of inputs) this.edges.push({ id: `${v.node}->${id}.${port}`, source: v.node, sourcePort: 'out', target: id, targetPort: port });
    return id;
  }

  /** A graph without a loss: each output gets an mse against a zero target, so gradients flow. */
  private addLosses(g: import('onnx-proto').onnx.IGraphProto): void {
    for (const o of g.output ?? []) {
      const v = this.values.get(o.name ?? '');
      if (!v) continue;
      const target = this.claim(`${v.node}_target`);
      this.nodes.push({ id: target, kind: 'target', config: { size: v.features }, value: { shape: [ROWS, v.features], data: new Array<number>(ROWS * v.features).fill(0) } });
      const loss = this.claim(`${v.node}_loss`);
      this.nodes.push({ id: loss, kind: 'mse', config: { reduction: 'mean' } });
      this.edges.push({ id: `${v.node}->${loss}.pred`, source: v.node, sourcePort: 'out', target: loss, targetPort: 'pred' });
      this.edges.push({ id: `${target}->${loss}.target`, source: target, sourcePort: 'out', target: loss, targetPort: 'target' });
    }
  }

  private claim(base: string): string {
    let id = base || 'node';
    for (let k = 2; this.ids.has(id); k++) id = `${base}_${k}`;
    this.ids.add(id);
    return id;
  }
}

/**
 * torch names nodes "/net/net.1/Tanh" (the module's path, then the operator) and weights "fc1.weight":
 * the module's name is the readable id ("net_1", "fc1"); a bare "/Relu_1" becomes "relu_1".
 */
function preferredId(n: Node): string {
  const weight = n.input?.find((i) => /\.weight$/.test(i));
  if ((n.opType === 'Gemm' || n.opType === 'MatMul') && weight) return weight.replace(/\.weight$/, '').replace(/[./]/g, '_');
  const parts = (n.name ?? '').split('/').filter((p) => p !== '');
  const module = parts.length > 1 && parts.at(-1)!.startsWith(n.opType ?? '') ? parts.at(-2)! : parts.at(-1);
  return (module ?? n.opType ?? 'node').replace(/[./]/g, '_').replace(new RegExp(`^${n.opType}(?=_\\d+$|$)`), (t) => t.toLowerCase()) || 'node';
}

/** Deterministic sample rows: inputs in [−1, 1]; targets valid for their loss (0/1, one-hot rows, or zeros). */
function sampleData(id: string, use: string, features: number): number[] {
  const rng = createRng(hashSeed(12, id));
  const row = (i: number): number[] => {
    if (use === 'input') return Array.from({ length: features }, () => Math.round((rng() * 2 - 1) * 1000) / 1000);
    if (use === 'softmax_ce') return Array.from({ length: features }, (_, j) => (j === i % features ? 1 : 0));
    if (use === 'bce' || use === 'bce_logits') return Array.from({ length: features }, (_, j) => (i + j) % 2);
    return new Array<number>(features).fill(0);
  };
  return Array.from({ length: ROWS }, (_, i) => row(i)).flat();
}
