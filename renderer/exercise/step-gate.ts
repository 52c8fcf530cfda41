// How far stepping may go: in exercise mode not past the first question neither answered nor revealed
// (issue 11.1). Every way of stepping asks here: the Step panel's buttons, keys and Play, presenter
// mode's clicker keys and the desktop menu.
import { timelineFor } from '../canvas/step-state.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { exerciseSettings, stepLimit } from './exercise.ts';
import { useExercise } from './exercise-store.ts';

/** The last step index that may be shown now (the last step when exercise mode is off). */
export function reachableLimit(): number {
  const run = useRun.getState();
  if (!run.results) return 0;
  const steps = timelineFor(run.results);
  const ex = useExercise.getState();
  if (!ex.on) return Math.max(steps.length - 1, 0);
  return stepLimit(steps, exerciseSettings(useDocument.getState().graph), ex.attempts);
}

/** `i`, held back at the first open question. */
export function reachableStep(i: number): number {
  return Math.min(i, reachableLimit());
}
