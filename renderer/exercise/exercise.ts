// Exercise mode's rules (issue 11.1–11.3), pure: which steps ask (the teacher's `exercise` settings of
// the document), what a try does (Correct, a hint, the reveal after a second wrong try or Show), the
// score, and how far the student may step (not past a question not yet answered or revealed).
// Every asked number is the step's `answer` (the run results the canvas shows); a parameter-update
// question applies the engine's own SGD (`createOptimizer`) to the weight and gradient of the run.
import { createOptimizer, exerciseSchema, trainingSettingsSchema, type ExerciseSettings, type Graph } from '../../engine/index.ts';
import { formatNumber } from '../math/format.ts';
import type { Step } from '../math/step-timeline.ts';
import { checkAnswer, parseAnswer, verdictMessage, type Question, type Verdict } from './check.ts';

export const DEFAULT_EXERCISE: ExerciseSettings = exerciseSchema.parse({});

/** The document's exercise settings with their defaults (a document without them asks every step). */
export function exerciseSettings(graph: Graph): ExerciseSettings {
  return settingsFrom(graph.exercise);
}

const parsedSettings = new WeakMap<object, ExerciseSettings>();
/** A document's raw `exercise` value with defaults (parsed once per object: every canvas label asks). */
export function settingsFrom(raw: unknown): ExerciseSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_EXERCISE;
  let s = parsedSettings.get(raw);
  if (!s) {
    const parsed = exerciseSchema.safeParse(raw);
    s = parsed.success ? parsed.data : DEFAULT_EXERCISE;
    parsedSettings.set(raw, s);
  }
  return s;
}

/** The document with new exercise settings (one undoable `exercise settings` commit). */
export function withExercise(graph: Graph, settings: ExerciseSettings): Graph {
  return { ...graph, exercise: settings };
}

/** θ after one plain SGD step with learning rate η, by the engine's optimizer. */
function sgdStep(value: number, grad: number, learningRate: number): number {
  const w = Float64Array.of(value);
  createOptimizer(trainingSettingsSchema.parse({ optimizer: 'sgd', learningRate }), [1]).step([w], [Float64Array.of(grad)]);
  return w[0]!;
}

/** What `step` asks under `settings`, or null when it is shown, not asked. */
export function questionOf(step: Step | undefined, settings: ExerciseSettings): Question | null {
  if (!step) return null;
  switch (settings.ask) {
    case 'all': return step.answer ?? null;
    case 'backward': return step.phase === 'backward' ? step.answer ?? null : null;
    case 'nodes': return settings.nodes?.includes(step.nodeId) ? step.answer ?? null : null;
    case 'updates': {
      const p = step.param;
      if (!p) return null;
      const η = settings.learningRate, after = sgdStep(p.value, p.grad, η);
      const lr = formatNumber(η);
      return {
        tex: `${p.tex}\\ \\text{after one SGD step with}\\ \\eta = ${lr}`,
        text: `${p.text} after one SGD step with η = ${lr}`,
        value: after,
        factors: [],
        mixups: [
          { value: p.value + η * p.grad, hint: `that adds η·∂L/∂${p.text}; SGD steps against the gradient: ${p.text} − η·∂L/∂${p.text}` },
          { value: p.value - p.grad, hint: `that subtracts ∂L/∂${p.text} itself; SGD subtracts η = ${lr} times it` },
          { value: -η * p.grad, hint: `that is the change −η·∂L/∂${p.text}; add it to ${p.text} = ${formatNumber(p.value)}` },
          { value: p.grad, hint: `that is ∂L/∂${p.text}, the gradient, not the new weight` },
        ],
      };
    }
  }
}

/** One asked step's record: its tries, last verdict and outcome. Kept for the number it asked. */
export interface Attempt {
  /** The engine's number when it was asked: a record for other numbers (new numbers, an edit) is void. */
  readonly truth: number;
  readonly tries: number;
  readonly answer: number | null;
  readonly verdict: Verdict | null;
  readonly outcome: 'correct' | 'revealed' | null;
}

export type Attempts = ReadonlyMap<string, Attempt>;

/** The key of a step's record: its phase and node (and what is asked: an update is another question). */
export function attemptKey(step: Step, settings: ExerciseSettings): string {
  return `${settings.ask === 'updates' ? 'update' : step.phase}:${step.nodeId}`;
}

/** The record of `step`'s question, when it was made for this very number. */
export function attemptOf(attempts: Attempts, step: Step, settings: ExerciseSettings, q: Question): Attempt | undefined {
  const a = attempts.get(attemptKey(step, settings));
  return a && a.truth === q.value ? a : undefined;
}

/** A try: typed text → the next record. Unreadable text is no try. A second wrong try reveals. */
export function submit(prev: Attempt | undefined, q: Question, text: string, digits: number): Attempt | { unreadable: string } {
  const answer = parseAnswer(text);
  if (answer === null) return { unreadable: text.trim() === '' ? 'Type a number first.' : `"${text.trim()}" is not a number (write it like -0.0123 or 1.2e-3).` };
  const base = prev && prev.truth === q.value ? prev : { truth: q.value, tries: 0, answer: null, verdict: null, outcome: null };
  if (base.outcome) return base;
  const verdict = checkAnswer(answer, q, digits);
  const tries = base.tries + 1;
  const outcome = verdict.kind === 'correct' ? 'correct' : tries >= 2 ? 'revealed' : null;
  return { truth: q.value, tries, answer, verdict, outcome };
}

/** "Show": the answer is revealed (a step already answered stays as it was). */
export function reveal(prev: Attempt | undefined, q: Question): Attempt {
  const base = prev && prev.truth === q.value ? prev : { truth: q.value, tries: 0, answer: null, verdict: null, outcome: null };
  return base.outcome ? base : { ...base, outcome: 'revealed' };
}

/** What the panel says after a try. */
export function attemptMessage(a: Attempt): string | null {
  if (!a.verdict || a.answer === null) return null;
  return verdictMessage(a.verdict, a.answer, a.truth);
}

/** Whether `step` waits for an answer: asked, and neither answered right nor revealed. */
export function isOpen(step: Step | undefined, settings: ExerciseSettings, attempts: Attempts): boolean {
  const q = questionOf(step, settings);
  return q !== null && !attemptOf(attempts, step!, settings, q)?.outcome;
}

/** The furthest step the student may reach: the first open question, else the last step. */
export function stepLimit(steps: readonly Step[], settings: ExerciseSettings, attempts: Attempts): number {
  const open = steps.findIndex((s) => isOpen(s, settings, attempts));
  return open < 0 ? Math.max(steps.length - 1, 0) : open;
}

export interface Score {
  /** Steps that ask. */
  readonly asked: number;
  /** Answered right or revealed. */
  readonly answered: number;
  readonly correct: number;
  readonly revealed: number;
}

export function scoreOf(steps: readonly Step[], settings: ExerciseSettings, attempts: Attempts): Score {
  let asked = 0, correct = 0, revealed = 0;
  for (const s of steps) {
    const q = questionOf(s, settings);
    if (!q) continue;
    asked++;
    const outcome = attemptOf(attempts, s, settings, q)?.outcome;
    if (outcome === 'correct') correct++;
    else if (outcome === 'revealed') revealed++;
  }
  return { asked, answered: correct + revealed, correct, revealed };
}
