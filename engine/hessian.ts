// Exact Hessian of L by forward-over-reverse: push a tangent (one unit direction per column) through
// the forward pass (each module's JVP) and then through the reverse pass (each module's VJP tangent).
// The tangent of the gradient is one column of H. No finite differences anywhere.
import { checkHessianBudget } from './budget.ts';
import { GraphQueryError, where } from './graph/issues.ts';
import type { CompiledNode, Program } from './graph/program.ts';
import type { Matrix, TangentFrame } from './modules/types.ts';
import { zeros, type Tensor } from './tensor.ts';

export interface ParamRef { readonly nodeId: string; readonly name: string }

export interface HessianResult {
  /** Row (and column) labels, e.g. "l1.W[0,1]", in the order of the matrix. */
  readonly labels: string[];
  readonly matrix: Matrix;
}

export const MAX_HESSIAN_ENTRIES = 1024;

/** Parses "l1.W,l2.b" into references; node ids may contain dots, the last dot separates. */
export function parseParamRefs(text: string): ParamRef[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const dot = s.lastIndexOf('.');
    if (dot <= 0 || dot === s.length - 1) throw new GraphQueryError(`"${s}" is not of the form node.param (e.g. l1.W)`);
    return { nodeId: s.slice(0, dot), name: s.slice(dot + 1) };
  });
}

export interface HessianOptions {
  /** Called after each column, with how many are done of how many (the CLI's progress line). */
  readonly onProgress?: (done: number, total: number) => void;
}

export function hessian(program: Program, refs: readonly ParamRef[], options: HessianOptions = {}): HessianResult {
  if (program.lossNodes.length === 0) throw new GraphQueryError('the graph has no loss node, so there is no Hessian of a loss');
  const selected = refs.map((r) => ({ ...r, index: paramIndex(program.node(r.nodeId), r.name) }));
  const labels = selected.flatMap((r) => entryLabels(r.nodeId, r.name, program.node(r.nodeId).frame.params[r.index]!));
  const n = labels.length;
  if (n === 0) throw new GraphQueryError('choose at least one parameter');
  if (n > MAX_HESSIAN_ENTRIES) throw new GraphQueryError(`${n} entries selected; the Hessian is limited to ${MAX_HESSIAN_ENTRIES}`);
  checkHessianBudget(program, n);
  program.run();
  const tangents = tangentFrames(program);
  const H: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  let col = 0;
  for (const r of selected) {
    const seed = tangents.get(r.nodeId)!.params[r.index]!.data;
    for (let k = 0; k < seed.length; k++, col++) {
      seed[k] = 1;
      pushTangent(program, tangents);
      seed[k] = 0;
      let row = 0;
      for (const s of selected) {
        // A shared parameter's gradient is the sum over its uses, and so is its tangent.
        const uses = usesOf(program, program.node(s.nodeId).frame.params[s.index]!);
        const first = tangents.get(uses[0]!.nodeId)!.gradParams[uses[0]!.index]!.data;
        for (let k = 0; k < first.length; k++) {
          let v = 0;
          for (const u of uses) v += tangents.get(u.nodeId)!.gradParams[u.index]!.data[k]!;
          H.data[row++ * n + col] = v;
        }
      }
      options.onProgress?.(col + 1, n);
    }
  }
  return { labels, matrix: H };
}

function paramIndex(node: CompiledNode, name: string): number {
  const i = node.paramNames.indexOf(name);
  if (i < 0) throw new GraphQueryError(`${where(node.id, node.kind)} has no parameter "${name}" (it has: ${node.paramNames.join(', ') || 'none'})`);
  return i;
}

function entryLabels(nodeId: string, name: string, t: Tensor): string[] {
  if (t.shape.length === 1) return Array.from({ length: t.shape[0]! }, (_, i) => `${nodeId}.${name}[${i}]`);
  const cols = t.shape[1]!;
  return Array.from(t.data, (_, i) => `${nodeId}.${name}[${Math.floor(i / cols)},${i % cols}]`);
}

/** Every node using a parameter tensor (more than one for a shared composite module's). */
function usesOf(program: Program, p: Tensor): { nodeId: string; index: number }[] {
  return program.nodes.flatMap((n) => n.frame.params.flatMap((q, index) => (q === p ? [{ nodeId: n.id, index }] : [])));
}

function tangentFrames(program: Program): Map<string, TangentFrame> {
  const frames = new Map<string, TangentFrame>();
  const paramTangents = new Map<Tensor, Tensor>(); // one tangent per stored parameter: every use of a shared one moves with it
  const tangentOf = (p: Tensor): Tensor => { let t = paramTangents.get(p); if (!t) paramTangents.set(p, (t = zeros(p.shape))); return t; };
  for (const n of program.nodes) {
    const f = n.frame;
    frames.set(n.id, {
      inputs: n.inputEdges.map((e) => frames.get(e.source.id)!.out),
      params: f.params.map(tangentOf),
      value: f.value ? zeros(f.value.shape) : null,
      out: zeros(f.out.shape),
      gradOut: zeros(f.gradOut.shape),
      gradInputs: f.gradInputs.map((g) => (g ? zeros(g.shape) : null)),
      gradParams: f.gradParams.map((g) => zeros(g.shape)),
    });
  }
  return frames;
}

function pushTangent(program: Program, tangents: Map<string, TangentFrame>): void {
  for (const n of program.nodes) n.def.jvp(n.frame, tangents.get(n.id)!);
  for (let i = program.nodes.length - 1; i >= 0; i--) {
    const n = program.nodes[i]!;
    if (!n.reachesLoss) continue;
    const t = tangents.get(n.id)!;
    const g = t.gradOut.data;
    g.fill(0); // the seed dL/dL = 1 is constant, so its tangent is 0
    if (!n.def.isLoss) {
      for (const e of n.outputEdges) {
        if (!e.target.reachesLoss) continue;
        const share = tangents.get(e.target.id)!.gradInputs[e.port];
        if (!share) continue; // training mode skips gradients into data nodes
        for (let k = 0; k < g.length; k++) g[k] = g[k]! + share.data[k]!;
      }
    }
    n.def.vjpTangent(n.frame, t);
  }
}
