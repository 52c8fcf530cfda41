// What step mode reveals at a given step (the rule: interop/notation/steps.ts `revealUpTo`): forward
// steps show values on their edges, backward steps show gradients.
// Computed once per (results, index) and shared by every node and edge.
import type { RunResults } from '../../engine/index.ts';
import { revealUpTo, type Reveal as SharedReveal } from '../../interop/notation/steps.ts';
import { buildTimeline, type Step } from '../math/step-timeline.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';

export type Reveal = SharedReveal<Step>;

const timelines = new WeakMap<RunResults, Step[]>();
export function timelineFor(results: RunResults): Step[] {
  let steps = timelines.get(results);
  if (!steps) {
    steps = buildTimeline(useDocument.getState().graph, results);
    timelines.set(results, steps);
  }
  return steps;
}

let last: { results: RunResults; index: number; reveal: Reveal } | null = null;
export function revealAt(results: RunResults, index: number): Reveal {
  if (last && last.results === results && last.index === index) return last.reveal;
  const reveal = revealUpTo(timelineFor(results), index);
  last = { results, index, reveal };
  return reveal;
}

/** The step-mode reveal, or null outside step mode. */
export function useReveal(): Reveal | null {
  const on = useView((s) => s.stepMode);
  const index = useView((s) => (s.stepMode ? s.stepIndex : 0));
  // Outside step mode, new results must not re-render every node and edge through this hook.
  const results = useRun((s) => (on ? s.results : null));
  return on && results ? revealAt(results, index) : null;
}
