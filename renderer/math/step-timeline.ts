// The step-through of one forward/backward run: one step per node, with the equation that node
// computes written out with the run's actual numbers (every number is read from RunResults, never
// recomputed here, so the panel shows exactly what the engine did).
//
// Reveal rule (edgeIds):
// - forward step of n: n's OUTGOING edges: n has just produced the value they carry;
// - backward step of n: n's INCOMING edges: n has just produced dL/d(each input), the gradient
//   they carry back. Data nodes have no inputs, so their backward step reveals no edge (their
//   gradient was revealed by their consumers' steps); it shows the total dL/dx.
// Order: forward steps follow results.order (topological); backward steps walk it in reverse,
// only for nodes with a path to a loss, and the data nodes (input, target) come last.
import {
  expandModules, instanceModule, isInstance, isModuleKind, modules, nodeInputPorts, topLevelId, type Graph, type GraphEdge, type RunResults, type Tensor,
} from '../../engine/index.ts';
import { tensorNorm, texNumber } from './format.ts';
import { graphSymbols } from '../model/symbols.ts';
import { backwardAnswer, forwardAnswer, stepParam, type Question, type StepParam } from './step-answer.ts';
import { backwardTex, forwardTex, kindOf, labelOf, nameOf, texSymbol, type TimelineContext } from './step-tex.ts';

export type Step = {
  index: number;
  phase: 'forward' | 'backward';
  /** The node the step computes: a document node, or inside a composite module "m1/fc" (stepping into it). */
  nodeId: string;
  /** The node on the canvas it belongs to: `nodeId`, or the instance holding that inner node. */
  canvasNodeId: string;
  edgeIds: string[];
  title: string;
  tex: string;
  /** The one number this step computes, when it is a scalar (exercise mode asks it). */
  answer?: Question;
  /** Backward step of a linear node with a scalar weight: the weight and its gradient (SGD questions). */
  param?: StepParam;
};

export interface TimelineOptions {
  /**
   * Composite modules: step into them (each inner node its own step, named "m1/fc", with its
   * equation), or over them (one step per instance: y = module(x), and back ∂L/∂x = Jᵀ ∂L/∂y).
   */
  readonly into?: boolean;
}

export function buildTimeline(document: Graph, results: RunResults, options: TimelineOptions = {}): Step[] {
  const into = options.into ?? true;
  const graph = into ? expandModules(document).graph : document;
  const runOrder = into ? results.order : documentOrder(document, results);
  const ctx = context(graph, results, runOrder);
  const order = runOrder.filter((id) => ctx.nodes.has(id) && results.nodes[id]);
  const steps: Step[] = [];
  const push = (phase: Step['phase'], nodeId: string, edgeIds: string[], title: string, tex: string): void => {
    const answer = safeAnswer(() => (phase === 'forward' ? forwardAnswer(ctx, nodeId) : backwardAnswer(ctx, nodeId)));
    const param = phase === 'backward' ? safeAnswer(() => stepParam(ctx, nodeId)) : undefined;
    steps.push({ index: steps.length, phase, nodeId, canvasNodeId: topLevelId(document, nodeId), edgeIds, title, tex, ...(answer ? { answer } : {}), ...(param ? { param } : {}) });
  };
  const fwd = (id: string): string => (isInstance(ctx.nodes.get(id)!) ? instanceForwardTex(ctx, id) : forwardTex(ctx, id));
  const bwd = (id: string): string => (isInstance(ctx.nodes.get(id)!) ? instanceBackwardTex(ctx, id) : backwardTex(ctx, id));
  const label = (id: string): string => { const n = ctx.nodes.get(id)!; return isInstance(n) ? `module ${instanceModule(n) ?? ''}` : labelOf(ctx, id); };
  for (const id of order) {
    push('forward', id, (ctx.outEdges.get(id) ?? []).map((e) => e.id), `Forward: ${nameOf(ctx, id)} (${label(id)})`, safely(() => fwd(id)));
  }
  if (ctx.lossCount === 0) return steps;
  const back = [...order].reverse().filter((id) => ctx.reaching.has(id));
  const isData = (id: string): boolean => { const k = kindOf(ctx, id); return k === 'input' || k === 'target'; };
  for (const id of back.filter((i) => !isData(i))) {
    push('backward', id, (ctx.inEdges.get(id) ?? []).map((e) => e.id), `Backward: ${nameOf(ctx, id)} (${label(id)})`, safely(() => bwd(id)));
  }
  for (const id of back.filter(isData)) {
    push('backward', id, [], `Backward: the gradient reaches ${nameOf(ctx, id)} (${label(id)})`, safely(() => bwd(id)));
  }
  return steps;
}

/** The document's nodes in the run's order, each instance where its last inner node is (all its inputs are known there). */
function documentOrder(document: Graph, results: RunResults): string[] {
  const last = new Map<string, number>();
  results.order.forEach((id, i) => last.set(topLevelId(document, id), i));
  return [...last.entries()].filter(([id]) => results.nodes[id]).sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

const texTensor = (t: Tensor | undefined): string => {
  if (!t) return '?';
  if (t.data.length > 4) return `\\lVert\\cdot\\rVert = ${texNumber(tensorNorm(t.data))}`;
  const cells = Array.from(t.data, (v) => texNumber(v));
  return cells.length === 1 ? cells[0]! : `\\begin{bmatrix}${cells.join(' & ')}\\end{bmatrix}`;
};

/** Stepping over an instance: its output as a function of its inputs, with the numbers of the run. */
function instanceForwardTex(ctx: TimelineContext, id: string): string {
  const name = instanceModule(ctx.nodes.get(id)!) ?? 'module';
  const ins = ctx.inEdges.get(id) ?? [];
  const args = ins.map((e) => texSymbol(nameOf(ctx, e.source))).join(', ');
  return `${texSymbol(nameOf(ctx, id))} = \\mathrm{${texText(name)}}(${args}) = ${texTensor(ctx.results.nodes[id]?.output)}`;
}

/** Stepping back over an instance: each input's gradient is the module's Jacobian (transposed) times the output's. */
function instanceBackwardTex(ctx: TimelineContext, id: string): string {
  const out = texSymbol(nameOf(ctx, id));
  const lines = (ctx.inEdges.get(id) ?? []).map((e) => {
    const x = texSymbol(nameOf(ctx, e.source));
    return `\\frac{\\partial L}{\\partial ${x}} = \\Big(\\frac{\\partial ${out}}{\\partial ${x}}\\Big)^{\\top} \\frac{\\partial L}{\\partial ${out}} = ${texTensor(ctx.results.edges[e.id]?.grad)}`;
  });
  return lines.length > 1 ? `\\begin{gathered}${lines.join(' \\\\[4pt] ')}\\end{gathered}` : (lines[0] ?? `\\frac{\\partial L}{\\partial ${out}} = ${texTensor(ctx.results.nodes[id]?.grad)}`);
}

const texText = (s: string): string => s.replace(/[\\{}_^#$%&~]/g, (c) => `\\${c}`);

function context(graph: Graph, results: RunResults, runOrder: readonly string[]): TimelineContext {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const inEdges = new Map<string, GraphEdge[]>();
  const outEdges = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    inEdges.set(e.target, [...(inEdges.get(e.target) ?? []), e]);
    outEdges.set(e.source, [...(outEdges.get(e.source) ?? []), e]);
  }
  // Input edges in the order of the module's ports (pred before target, a before b).
  for (const [id, list] of inEdges) {
    const kind = nodes.get(id)!.kind;
    const ports = nodeInputPorts(nodes.get(id)!);
    if (isModuleKind(kind)) list.sort((a, b) => ports.indexOf(a.targetPort) - ports.indexOf(b.targetPort));
  }
  const isLoss = (id: string): boolean => { const k = nodes.get(id)?.kind ?? ''; return isModuleKind(k) && modules[k].isLoss; };
  const reaching = new Set<string>();
  for (let i = runOrder.length - 1; i >= 0; i--) {
    const id = runOrder[i]!;
    if (isLoss(id) || (outEdges.get(id) ?? []).some((e) => reaching.has(e.target))) reaching.add(id);
  }
  const lossCount = runOrder.filter(isLoss).length;
  return { results, nodes, inEdges, outEdges, reaching, lossCount, symbols: graphSymbols(graph) };
}

/** A step whose numbers are missing asks nothing (its equation says to run again). */
function safeAnswer<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function safely(f: () => string): string {
  try {
    return f();
  } catch {
    return '\\text{(no values for this step: run the graph again)}';
  }
}
