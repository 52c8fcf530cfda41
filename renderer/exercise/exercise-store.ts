// Exercise mode's session: whether it is on and each asked step's record (never saved, never undone:
// the teacher's settings are the document's `exercise` field; a student's tries are not). A document
// that carries `exercise` turns it on when it is opened (file-controller.ts).
import { create } from 'zustand';
import type { ExerciseSettings } from '../../engine/index.ts';
import type { Question } from '../math/step-answer.ts';
import type { Step } from '../math/step-timeline.ts';
import { attemptKey, reveal, submit, type Attempt, type Attempts } from './exercise.ts';

interface ExerciseState {
  on: boolean;
  attempts: Attempts;
  setOn(on: boolean): void;
  /** A try at `step`'s question; returns why the text is no number, if it is not. */
  check(step: Step, settings: ExerciseSettings, q: Question, text: string): string | null;
  show(step: Step, settings: ExerciseSettings, q: Question): void;
  /** Forget every record (new numbers, another document). */
  reset(): void;
}

const put = (attempts: Attempts, key: string, a: Attempt): Attempts => new Map(attempts).set(key, a);

export const useExercise = create<ExerciseState>()((set, get) => ({
  on: false,
  attempts: new Map(),
  setOn: (on) => set({ on }),
  check(step, settings, q, text) {
    const key = attemptKey(step, settings);
    const next = submit(get().attempts.get(key), q, text, settings.digits);
    if ('unreadable' in next) return next.unreadable;
    set((s) => ({ attempts: put(s.attempts, key, next) }));
    return null;
  },
  show(step, settings, q) {
    const key = attemptKey(step, settings);
    set((s) => ({ attempts: put(s.attempts, key, reveal(s.attempts.get(key), q)) }));
  },
  reset: () => set({ attempts: new Map() }),
}));
