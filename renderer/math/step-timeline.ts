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
import { isModuleKind, modules, nodeInputPorts, type Graph, type GraphEdge, type RunResults } from '../../engine/index.ts';
import { graphSymbols } from '../model/symbols.ts';
import { backwardAnswer, forwardAnswer, stepParam, type Question, type StepParam } from './step-answer.ts';
import { backwardTex, forwardTex, kindOf, labelOf, nameOf, type TimelineContext } from './step-tex.ts';

export type Step = {
  index: number;
  phase: 'forward' | 'backward';
  nodeId: string;
  edgeIds: string[];
  title: string;
  tex: string;
  /** The one number this step computes, when it is a scalar (exercise mode asks it). */
  answer?: Question;
  /** Backward step of a linear node with a scalar weight: the weight and its gradient (SGD questions). */
  param?: StepParam;
};

export function buildTimeline(graph: Graph, results: RunResults): Step[] {
  const ctx = context(graph, results);
  const order = results.order.filter((id) => ctx.nodes.has(id) && results.nodes[id]);
  const steps: Step[] = [];
  const push = (phase: Step['phase'], nodeId: string, edgeIds: string[], title: string, tex: string): void => {
    const answer = safeAnswer(() => (phase === 'forward' ? forwardAnswer(ctx, nodeId) : backwardAnswer(ctx, nodeId)));
    const param = phase === 'backward' ? safeAnswer(() => stepParam(ctx, nodeId)) : undefined;
    steps.push({ index: steps.length, phase, nodeId, edgeIds, title, tex, ...(answer ? { answer } : {}), ...(param ? { param } : {}) });
  };
  for (const id of order) {
    push('forward', id, (ctx.outEdges.get(id) ?? []).map((e) => e.id), `Forward: ${nameOf(ctx, id)} (${labelOf(ctx, id)})`, safely(() => forwardTex(ctx, id)));
  }
  if (ctx.lossCount === 0) return steps;
  const back = [...order].reverse().filter((id) => ctx.reaching.has(id));
  const isData = (id: string): boolean => { const k = kindOf(ctx, id); return k === 'input' || k === 'target'; };
  for (const id of back.filter((i) => !isData(i))) {
    push('backward', id, (ctx.inEdges.get(id) ?? []).map((e) => e.id), `Backward: ${nameOf(ctx, id)} (${labelOf(ctx, id)})`, safely(() => backwardTex(ctx, id)));
  }
  for (const id of back.filter(isData)) {
    push('backward', id, [], `Backward: the gradient reaches ${nameOf(ctx, id)} (${labelOf(ctx, id)})`, safely(() => backwardTex(ctx, id)));
  }
  return steps;
}

function context(graph: Graph, results: RunResults): TimelineContext {
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
  for (let i = results.order.length - 1; i >= 0; i--) {
    const id = results.order[i]!;
    if (isLoss(id) || (outEdges.get(id) ?? []).some((e) => reaching.has(e.target))) reaching.add(id);
  }
  const lossCount = results.order.filter(isLoss).length;
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
