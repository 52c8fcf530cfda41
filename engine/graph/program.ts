// A validated graph turned into buffers: forward fills every node's output, backward seeds dL/dL = 1
// and walks the reverse order, each node applying its own VJP. Buffers are allocated once here; the
// parameters are not the program's own but a ParamStore's, which programs of other batch sizes share.
import { emptyRecord } from '../own.ts';
import type { ModuleKind } from '../modules/registry.ts';
import type { Matrix, ModuleDef, NodeFrame } from '../modules/types.ts';
import { cloneTensor, formatShape, sameShape, tensor, zeros, type Tensor } from '../tensor.ts';
import { checkProgramBudget } from '../budget.ts';
import { analyzeGraph, type Analysis, type AnalyzedNode } from './analyze.ts';
import { diagnoseRun, type RunDiagnostic } from './diagnostics.ts';
import { GraphQueryError, GraphValidationError, where } from './issues.ts';
import { paramStoreOf, type ParamStore } from './param-store.ts';
import { MODULE_KIND, type Graph } from './types.ts';
import { PATH_SEPARATOR, type InstanceInfo } from '../composite/expand.ts';
import { moduleJacobian } from '../composite/jacobian.ts';

export interface CompileOptions {
  /**
   * Samples per run. Data nodes then get [batch, features] frames, zero until `setValue`, and their
   * stored values are neither read nor checked. Default: the batch of the graph's data values.
   */
  readonly batch?: number;
  /** The parameters to alias (another program's `params`, or `createParamStore`); default: a new store from the graph. */
  readonly params?: ParamStore;
  /** Compute gradients flowing into data nodes. Training turns this off: nobody looks at them there. */
  readonly dataGradients?: boolean;
  /** Replace module implementations; the gradient checker's negative control uses this. */
  readonly modules?: Partial<Record<ModuleKind, ModuleDef<unknown>>>;
}

export interface CompiledEdge {
  readonly id: string;
  readonly source: CompiledNode;
  readonly target: CompiledNode;
  readonly port: number;
  readonly portName: string;
  /** dL/d(target's input port): this consumer's share of the source's gradient. */
  readonly grad: Tensor;
}

export interface CompiledNode {
  readonly id: string;
  readonly kind: ModuleKind;
  readonly def: ModuleDef<unknown>;
  readonly frame: NodeFrame<unknown>;
  readonly paramNames: readonly string[];
  /** Input port names, in the order of `frame.inputs` (the analysis' `ports`). */
  readonly ports: readonly string[];
  readonly inputEdges: CompiledEdge[];
  readonly outputEdges: CompiledEdge[];
  /** False for nodes with no path to a loss: they keep zero gradients. */
  readonly reachesLoss: boolean;
  /**
   * dL/dθ of each stored parameter, in the order of `paramNames`: `frame.gradParams` itself, except for
   * a parameter several nodes use (a shared composite module), where it is the sum over every use.
   */
  readonly paramGrads: Tensor[];
  /**
   * Whether the reverse pass must visit this node: it reaches a loss and, in a program without data
   * gradients, is a loss or has a parameter at or above it. The others' gradients are sums of shares
   * nobody writes, zero for good, so visiting them (the input batch's 128×784 zeros in the bench) would
   * only add zeros.
   */
  readonly backwardVisits: boolean;
}

export interface ParamResult { readonly value: Tensor; readonly grad: Tensor }
export interface NodeResult {
  readonly output: Tensor;
  readonly grad: Tensor;
  readonly params: Record<string, ParamResult>;
}
export interface EdgeResult { readonly value: Tensor; readonly grad: Tensor }
export interface RunResults {
  readonly loss: number | null;
  readonly order: readonly string[];
  readonly nodes: Record<string, NodeResult>;
  readonly edges: Record<string, EdgeResult>;
  /** Errors (a value outside a module's domain) and warnings (bce's clamp) of this run, per node. */
  readonly diagnostics: readonly RunDiagnostic[];
}

/** What a Jacobian differentiates by; for a composite module's instance, also which output (default: its first). */
export type JacobianOf = ({ readonly input: string } | { readonly param: string }) & { readonly output?: string };

export function compileGraph(graph: Graph, options: CompileOptions = {}): Program {
  const { batch } = options;
  if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1)) throw new GraphQueryError(`batch must be a positive whole number, got ${batch}`);
  const analysis = analyzeGraph(graph, { batch });
  if (analysis.issues.length > 0) throw new GraphValidationError(analysis.issues);
  checkProgramBudget(analysis, { sharedParams: options.params !== undefined }); // a BudgetError naming the node, before allocating
  return new Program(analysis, graph.seed ?? 0, options);
}

/**
 * Results that crossed a structured clone (a worker's message) get Object.prototype back; looked up by
 * ids from the file (a node "constructor"), that would find its members. Strips it again, no copies.
 */
export function ownKeyedResults(r: RunResults): RunResults {
  const nodes = emptyRecord<NodeResult>();
  for (const [id, n] of Object.entries(r.nodes)) nodes[id] = { ...n, params: Object.assign(emptyRecord<ParamResult>(), n.params) };
  return { ...r, nodes, edges: Object.assign(emptyRecord<EdgeResult>(), r.edges) };
}

export class Program {
  readonly order: readonly string[];
  readonly batch: number;
  /** In topological order. */
  readonly nodes: readonly CompiledNode[];
  readonly edges: readonly CompiledEdge[];
  readonly lossNodes: readonly CompiledNode[];
  /** The parameter values every frame aliases (gradients stay the program's own). */
  readonly params: ParamStore;
  /** False when compiled for training: gradients into data nodes are then not computed. */
  readonly dataGradients: boolean;
  /** Composite module instances by flat id ("n1", "n1/b"); their inner nodes are "n1/fc" in `nodes`. */
  readonly instances: ReadonlyMap<string, InstanceInfo>;
  loss: number | null = null;
  private readonly byId = new Map<string, CompiledNode>();
  /** Parameters used by more than one node: the summed gradient and every use's own. */
  private readonly sharedGrads: { readonly total: Tensor; readonly uses: readonly Tensor[] }[];

  constructor(analysis: Analysis, seed: number, options: CompileOptions) {
    const { order, nodes: analyzed } = analysis;
    const defOf = (a: AnalyzedNode): ModuleDef<unknown> => options.modules?.[a.kind] ?? a.def;
    this.order = order;
    this.batch = analysis.batch;
    this.instances = analysis.composite.instances;
    this.params = options.params ?? paramStoreOf(order.map((id) => { const a = analyzed.get(id)!; return { node: a.node, config: a.config, def: defOf(a) }; }), seed, analysis.composite.paramAliases);
    this.dataGradients = options.dataGradients !== false;
    const fed = options.batch !== undefined; // data values come from setValue, not from the graph
    const reaching = nodesReachingLoss(order, analyzed);
    const needsGrad = this.dataGradients ? null : nodesWithParamsUpstream(order, analyzed);
    const nodes: CompiledNode[] = [];
    const edges: CompiledEdge[] = [];
    for (const id of order) {
      const a = analyzed.get(id)!;
      const def = defOf(a);
      const shapes = def.paramShapes(a.config);
      const paramNames = Object.keys(shapes);
      const params = paramNames.map((name) => storedParam(this.params, a, name, shapes[name]!));
      const value = def.valueFeatures ? (a.node.value && !fed ? tensor(a.node.value.shape, a.node.value.data) : zeros(a.shape!)) : null;
      const inputs = a.inputEdges.map((e) => this.byId.get(e!.source)!.frame.out);
      const gradInputs = a.inputEdges.map((e) => zeros(this.byId.get(e!.source)!.frame.out.shape));
      const frame: NodeFrame<unknown> = {
        config: a.config, inputs, params, value,
        out: zeros(a.shape!), gradOut: zeros(a.shape!),
        gradInputs: a.inputEdges.map((e, i) => (!needsGrad || needsGrad.has(e!.source) ? gradInputs[i]! : null)),
        gradParams: params.map((p) => zeros(p.shape)),
      };
      const backwardVisits = reaching.has(id) && (!needsGrad || def.isLoss || needsGrad.has(id));
      const node: CompiledNode = {
        id, kind: a.kind, def, frame, paramNames, ports: a.ports, inputEdges: [], outputEdges: [], reachesLoss: reaching.has(id), paramGrads: [...frame.gradParams], backwardVisits,
      };
      a.inputEdges.forEach((e, port) => {
        const source = this.byId.get(e!.source)!;
        const edge: CompiledEdge = { id: e!.id, source, target: node, port, portName: a.ports[port]!, grad: gradInputs[port]! };
        node.inputEdges.push(edge);
        source.outputEdges.push(edge);
        edges.push(edge);
      });
      this.byId.set(id, node);
      nodes.push(node);
    }
    this.nodes = nodes;
    this.edges = edges;
    this.lossNodes = nodes.filter((n) => n.def.isLoss);
    this.sharedGrads = sharedGradients(nodes);
  }

  /** A composite module's instance by its flat id, or undefined. */
  instance(id: string): InstanceInfo | undefined {
    return this.instances.get(id);
  }

  node(id: string): CompiledNode {
    const n = this.byId.get(id);
    if (!n) throw new GraphQueryError(`no node "${id}" in the graph`);
    return n;
  }

  forward(): number | null {
    return this.forwardFrom(0);
  }

  /** Re-runs the forward pass from a position in the order on; earlier outputs are kept as they are. */
  forwardFrom(position: number): number | null {
    for (let i = position; i < this.nodes.length; i++) this.nodes[i]!.def.forward(this.nodes[i]!.frame);
    if (this.lossNodes.length === 0) return (this.loss = null);
    let loss = 0;
    for (const n of this.lossNodes) loss += n.frame.out.data[0]!;
    return (this.loss = loss);
  }

  /** Reverse pass. A graph without a loss leaves every gradient at zero. */
  backward(): void {
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i]!, f = n.frame;
      if (!n.backwardVisits) continue;
      if (n.def.isLoss) f.gradOut.data[0] = 1; // dL/dL = 1: the total loss is the sum of the loss nodes
      else accumulateShares(n);
      n.def.vjp(f);
    }
    // A parameter several nodes use (shared weights): its gradient is the sum over the uses.
    for (const { total, uses } of this.sharedGrads) {
      const t = total.data;
      t.fill(0);
      for (const u of uses) for (let k = 0; k < t.length; k++) t[k] = t[k]! + u.data[k]!;
    }
  }

  run(): number | null {
    const loss = this.forward();
    this.backward();
    return loss;
  }

  param(nodeId: string, name: string): ParamResult {
    const n = this.node(nodeId);
    const i = n.paramNames.indexOf(name);
    if (i < 0) throw new GraphQueryError(`${where(nodeId, n.kind)} has no parameter "${name}" (it has: ${n.paramNames.join(', ') || 'none'})`);
    return { value: n.frame.params[i]!, grad: n.paramGrads[i]! };
  }

  /** Every trainable parameter once (a shared one at its first use, with the gradient of all), in topological order. */
  parameters(): { nodeId: string; name: string; value: Tensor; grad: Tensor }[] {
    const seen = new Set<Tensor>();
    return this.nodes.flatMap((n) => n.paramNames.flatMap((name, i) => {
      const value = n.frame.params[i]!;
      if (seen.has(value)) return [];
      seen.add(value);
      return [{ nodeId: n.id, name, value, grad: n.paramGrads[i]! }];
    }));
  }

  /** Replaces a data node's value in place (same shape), e.g. with the next mini-batch. */
  setValue(nodeId: string, data: ArrayLike<number>): void {
    const v = this.node(nodeId).frame.value;
    if (!v) throw new GraphQueryError(`node "${nodeId}" is not a data node`);
    if (data.length !== v.data.length) throw new GraphQueryError(`node "${nodeId}": value needs ${v.data.length} numbers for shape ${formatShape(v.shape)}, got ${data.length}`);
    v.data.set(data);
  }

  /** The explicit local Jacobian of one node for one sample; of an instance, the whole module's (through its inner nodes). */
  jacobian(nodeId: string, sample: number, of: JacobianOf): Matrix {
    const inst = this.instances.get(nodeId);
    if (inst && !this.byId.has(nodeId)) {
      if (!Number.isInteger(sample) || sample < 0 || sample >= this.batch) {
        throw new GraphQueryError(`${where(nodeId, MODULE_KIND)}: sample ${sample} is outside the batch 0…${this.batch - 1}`);
      }
      return moduleJacobian(this.nodes, inst, sample, of);
    }
    const n = this.node(nodeId);
    if (!Number.isInteger(sample) || sample < 0 || sample >= this.batch) {
      throw new GraphQueryError(`${where(nodeId, n.kind)}: sample ${sample} is outside the batch 0…${this.batch - 1}`);
    }
    if ('input' in of) {
      const i = n.ports.indexOf(of.input);
      if (i < 0) throw new GraphQueryError(`${where(nodeId, n.kind)} has no input port "${of.input}"`);
      return n.def.jacobian(n.frame, sample, { input: i });
    }
    const i = n.paramNames.indexOf(of.param);
    if (i < 0) throw new GraphQueryError(`${where(nodeId, n.kind)} has no parameter "${of.param}"`);
    return n.def.jacobian(n.frame, sample, { param: i });
  }

  /**
   * A snapshot (copies) of every value and gradient, for the UI, the CLI and tests. `copy` makes each
   * copy (the engine worker writes them all into one transferable buffer instead of a tensor each).
   */
  results(copy: (t: Tensor) => Tensor = cloneTensor): RunResults {
    // Keyed by ids from the file: without a prototype, a node "__proto__" or "constructor" is a key like any other.
    const nodes = emptyRecord<NodeResult>();
    for (const n of this.nodes) {
      const params = emptyRecord<ParamResult>();
      n.paramNames.forEach((name, i) => { params[name] = { value: copy(n.frame.params[i]!), grad: copy(n.paramGrads[i]!) }; });
      nodes[n.id] = { output: copy(n.frame.out), grad: copy(n.frame.gradOut), params };
    }
    // Each instance next to its inner nodes: its first output's value and gradient, its parameters as
    // "<innerId>.<param>" (nested "b/fc.W"; of a shared module, the one set with the gradient of every use).
    for (const inst of this.instances.values()) {
      const out = this.byId.get(Object.values(inst.outputs)[0] ?? '');
      if (!out) continue;
      const params = emptyRecord<ParamResult>();
      for (const n of this.nodes) {
        if (!n.id.startsWith(`${inst.id}${PATH_SEPARATOR}`)) continue;
        const rel = n.id.slice(inst.id.length + 1);
        n.paramNames.forEach((name, i) => { params[`${rel}.${name}`] = { value: copy(n.frame.params[i]!), grad: copy(n.paramGrads[i]!) }; });
      }
      nodes[inst.id] = { output: copy(out.frame.out), grad: copy(out.frame.gradOut), params };
    }
    const edges = emptyRecord<EdgeResult>();
    for (const e of this.edges) edges[e.id] = { value: copy(e.source.frame.out), grad: copy(e.grad) };
    return { loss: this.loss, order: [...this.order], nodes, edges, diagnostics: diagnoseRun(this.nodes) };
  }
}

/** The store's tensor for a parameter, which must have the shape the node's config gives it. */
function storedParam(params: ParamStore, a: AnalyzedNode, name: string, shape: readonly number[]): Tensor {
  const t = params.get(a.node.id, name);
  if (!t) throw new GraphQueryError(`${where(a.node.id, a.kind)}: parameter ${name} is not in the parameter store`);
  if (!sameShape(t.shape, shape)) throw new GraphQueryError(`${where(a.node.id, a.kind)}: parameter ${name} is ${formatShape(t.shape)} in the parameter store, but its config needs ${formatShape(shape)}`);
  return t;
}

/** Parameters (tensors of the store) that more than one node uses: one summed gradient per such tensor. */
function sharedGradients(nodes: readonly CompiledNode[]): { total: Tensor; uses: Tensor[] }[] {
  const uses = new Map<Tensor, { node: CompiledNode; i: number }[]>();
  for (const node of nodes) node.frame.params.forEach((p, i) => { const list = uses.get(p); if (list) list.push({ node, i }); else uses.set(p, [{ node, i }]); });
  const shared: { total: Tensor; uses: Tensor[] }[] = [];
  for (const [p, list] of uses) {
    if (list.length < 2) continue;
    const total = zeros(p.shape);
    for (const { node, i } of list) node.paramGrads[i] = total;
    shared.push({ total, uses: list.map(({ node, i }) => node.frame.gradParams[i]!) });
  }
  return shared;
}

/** dL/d(out) = Σ over consumers of their shares: gradients accumulate on fan-out. */
function accumulateShares(n: CompiledNode): void {
  const g = n.frame.gradOut.data;
  let first = true;
  for (const e of n.outputEdges) {
    if (!e.target.reachesLoss) continue;
    const share = e.grad.data;
    // The first share in one pass: 0 + s is what zero-filling then adding gives (−0 becomes +0).
    if (first) for (let k = 0; k < g.length; k++) g[k] = 0 + share[k]!;
    else for (let k = 0; k < g.length; k++) g[k] = g[k]! + share[k]!;
    first = false;
  }
  if (first) g.fill(0);
}

function nodesReachingLoss(order: string[], analyzed: Map<string, AnalyzedNode>): Set<string> {
  const reaching = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    const a = analyzed.get(order[i]!)!;
    if (a.def.isLoss || a.outputEdges.some((e) => reaching.has(e.target))) reaching.add(a.node.id);
  }
  return reaching;
}

function nodesWithParamsUpstream(order: string[], analyzed: Map<string, AnalyzedNode>): Set<string> {
  const set = new Set<string>();
  for (const id of order) {
    const a = analyzed.get(id)!;
    if (Object.keys(a.def.paramShapes(a.config)).length > 0 || a.inputEdges.some((e) => e && set.has(e.source))) set.add(id);
  }
  return set;
}
