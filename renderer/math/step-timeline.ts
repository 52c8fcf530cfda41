// The step-through of one forward/backward run: one step per node, with the equation that node
// computes written out with the run's actual numbers (every number is read from RunResults, never
// recomputed here, so the panel shows exactly what the engine did).
//
// The order of the steps and what each reveals: interop/notation/steps.ts (shared with the figure export).
import { expandModules, instanceModule, isInstance, topLevelId, type Graph, type RunResults, type Tensor } from '../../engine/index.ts';
import { tensorNorm, texNumber } from '../../interop/notation/format.ts';
import { stepOrder, stepWiring } from '../../interop/notation/steps.ts';
import { graphSymbols } from '../../interop/notation/symbols.ts';
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
  const wiring = stepWiring(graph, results, runOrder);
  const ctx: TimelineContext = { ...wiring, results, symbols: graphSymbols(graph) };
  const instance = (id: string): boolean => { const n = ctx.nodes.get(id); return !!n && isInstance(n); };
  const label = (id: string): string => (instance(id) ? `module ${instanceModule(ctx.nodes.get(id)!) ?? ''}` : labelOf(ctx, id));
  return stepOrder(graph, results, wiring, runOrder).map((s) => {
    const dataEnd = s.phase === 'backward' && ['input', 'target'].includes(kindOf(ctx, s.nodeId) ?? '');
    const title = s.phase === 'forward' ? `Forward: ${nameOf(ctx, s.nodeId)} (${label(s.nodeId)})`
      : dataEnd ? `Backward: the gradient reaches ${nameOf(ctx, s.nodeId)} (${label(s.nodeId)})`
        : `Backward: ${nameOf(ctx, s.nodeId)} (${label(s.nodeId)})`;
    const answer = safeAnswer(() => (s.phase === 'forward' ? forwardAnswer(ctx, s.nodeId) : backwardAnswer(ctx, s.nodeId)));
    const param = s.phase === 'backward' ? safeAnswer(() => stepParam(ctx, s.nodeId)) : undefined;
    const tex = safely(() => (instance(s.nodeId)
      ? (s.phase === 'forward' ? instanceForwardTex(ctx, s.nodeId) : instanceBackwardTex(ctx, s.nodeId))
      : (s.phase === 'forward' ? forwardTex(ctx, s.nodeId) : backwardTex(ctx, s.nodeId))));
    return { ...s, canvasNodeId: topLevelId(document, s.nodeId), title, tex, ...(answer ? { answer } : {}), ...(param ? { param } : {}) };
  });
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
  const args = (ctx.inEdges.get(id) ?? []).map((e) => texSymbol(nameOf(ctx, e.source))).join(', ');
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
