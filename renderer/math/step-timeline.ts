// The step-through of one forward/backward run: one step per node, with the equation that node
// computes written out with the run's actual numbers (every number is read from RunResults, never
// recomputed here, so the panel shows exactly what the engine did).
//
// The order of the steps and what each reveals: interop/notation/steps.ts (shared with the figure export).
import type { Graph, RunResults } from '../../engine/index.ts';
import { stepOrder, stepWiring } from '../../interop/notation/steps.ts';
import { graphSymbols } from '../../interop/notation/symbols.ts';
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
  const wiring = stepWiring(graph, results);
  const ctx: TimelineContext = { ...wiring, results, symbols: graphSymbols(graph) };
  return stepOrder(graph, results, wiring).map((s) => {
    const dataEnd = s.phase === 'backward' && ['input', 'target'].includes(kindOf(ctx, s.nodeId) ?? '');
    const title = s.phase === 'forward' ? `Forward: ${nameOf(ctx, s.nodeId)} (${labelOf(ctx, s.nodeId)})`
      : dataEnd ? `Backward: the gradient reaches ${nameOf(ctx, s.nodeId)} (${labelOf(ctx, s.nodeId)})`
        : `Backward: ${nameOf(ctx, s.nodeId)} (${labelOf(ctx, s.nodeId)})`;
    const answer = safeAnswer(() => (s.phase === 'forward' ? forwardAnswer(ctx, s.nodeId) : backwardAnswer(ctx, s.nodeId)));
    const param = s.phase === 'backward' ? safeAnswer(() => stepParam(ctx, s.nodeId)) : undefined;
    const tex = safely(() => (s.phase === 'forward' ? forwardTex(ctx, s.nodeId) : backwardTex(ctx, s.nodeId)));
    return { ...s, title, tex, ...(answer ? { answer } : {}), ...(param ? { param } : {}) };
  });
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
