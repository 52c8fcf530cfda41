// What step mode reveals at a given step (the rule: interop/notation/steps.ts `revealUpTo`): forward
// steps show values on their edges, backward steps show gradients.
// Computed once per (results, index) and shared by every node and edge.
import type { RunResults } from '../../engine/index.ts';
import { revealUpTo, type Reveal as SharedReveal } from '../../interop/notation/steps.ts';
import { buildTimeline, type Step } from '../math/step-timeline.ts';
import { useDocument } from '../store/document-store.ts';
import { isOpen, settingsFrom } from '../exercise/exercise.ts';
import { useExercise } from '../exercise/exercise-store.ts';
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

let last: { results: RunResults; index: number; hideCurrent: boolean; reveal: Reveal } | null = null;
/**
 * What is shown at step `index`. With `hideCurrent` (exercise mode, the step's question not yet
 * answered) the step is current but reveals nothing yet: its number is what the student works out.
 */
export function revealAt(results: RunResults, index: number, hideCurrent = false): Reveal {
  if (last && last.results === results && last.index === index && last.hideCurrent === hideCurrent) return last.reveal;
  const steps = timelineFor(results);
  const reveal = { ...revealUpTo(steps, hideCurrent ? index - 1 : index), current: steps[index] };
  last = { results, index, hideCurrent, reveal };
  return reveal;
}

/** The step-mode reveal, or null outside step mode. */
export function useReveal(): Reveal | null {
  const on = useView((s) => s.stepMode);
  const index = useView((s) => (s.stepMode ? s.stepIndex : 0));
  // Outside step mode, new results must not re-render every node and edge through this hook.
  const results = useRun((s) => (on ? s.results : null));
  // Exercise mode: the current step's number stays hidden until it is answered or revealed.
  const exercising = useExercise((s) => on && s.on);
  const attempts = useExercise((s) => (exercising ? s.attempts : null));
  const raw = useDocument((s) => (exercising ? s.graph.exercise : undefined));
  if (!on || !results) return null;
  const hide = exercising && attempts !== null && isOpen(timelineFor(results)[index], settingsFrom(raw), attempts);
  return revealAt(results, index, hide);
}
