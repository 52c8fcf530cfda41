// Exercise mode in the Step panel (issue 11.1–11.3): the toggle, the asked step's question with the
// "Your answer" field, Check (or Enter) and Show, the verdict, the score, "Try with new numbers" and
// the teacher's settings (saved in the document's `exercise` field).
import { useState, type FormEvent } from 'react';
import { exerciseAsks, type ExerciseAsk, type ExerciseSettings, type Graph } from '../../engine/index.ts';
import { formatNumber } from '../math/format.ts';
import type { Step } from '../math/step-timeline.ts';
import { displayName } from '../model/symbols.ts';
import { stepHtml } from '../panels/step/StepPanel.tsx';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';
import { attemptKey, attemptMessage, attemptOf, isOpen, questionOf, scoreOf, settingsFrom, stepLimit, withExercise, type Attempt } from './exercise.ts';
import { useExercise } from './exercise-store.ts';
import { nextSeed, withNewNumbers } from './new-numbers.ts';
import './exercise.css';

const ASK_LABELS: Record<ExerciseAsk, string> = {
  all: 'All steps',
  backward: 'Backward steps only',
  nodes: 'Chosen nodes',
  updates: 'Parameter updates (SGD)',
};

/** What the Step panel needs from exercise mode at step `index`. */
export function useExerciseStep(steps: Step[], index: number): { on: boolean; limit: number | undefined; hideEquation: boolean } {
  const on = useExercise((s) => s.on);
  const attempts = useExercise((s) => s.attempts);
  const settings = settingsFrom(useDocument((s) => s.graph.exercise));
  if (!on) return { on, limit: undefined, hideEquation: false };
  return { on, limit: stepLimit(steps, settings, attempts), hideEquation: isOpen(steps[index], settings, attempts) };
}

export function ExerciseToggle() {
  const on = useExercise((s) => s.on);
  return (
    <button type="button" className="exercise__toggle" aria-pressed={on} aria-label="Exercise mode"
      title={on ? 'Leave exercise mode: every step shows its numbers' : 'Exercise mode: work out each step\'s number before it is shown'}
      onClick={() => useExercise.getState().setOn(!on)}>
      ✎ Exercise
    </button>
  );
}

const commitSettings = (next: ExerciseSettings): void => {
  const doc = useDocument.getState();
  doc.commit('exercise settings', withExercise(doc.graph, next));
};

/** The question of the current step, the verdict and the score; nothing when exercise mode is off. */
export function ExerciseBox(props: { steps: Step[]; index: number }) {
  const { steps, index } = props;
  const on = useExercise((s) => s.on);
  const attempts = useExercise((s) => s.attempts);
  const graph = useDocument((s) => s.graph);
  if (!on) return null;
  const settings = settingsFrom(graph.exercise);
  const step = steps[index];
  const q = questionOf(step, settings);
  const attempt = step && q ? attemptOf(attempts, step, settings, q) : undefined;
  const score = scoreOf(steps, settings, attempts);
  return (
    <div className="exercise" data-testid="exercise">
      {step && q
        ? <Question key={`${attemptKey(step, settings)}:${q.value}`} step={step} settings={settings} attempt={attempt} />
        : <p className="exercise__note muted">{step ? 'This step is shown, not asked.' : ''}</p>}
      <div className="exercise__footer">
        <span className="exercise__score" data-testid="exercise-score" aria-live="polite">
          Score: {score.answered} of {score.asked} answered · {score.correct} correct · {score.revealed} revealed
        </span>
        <button type="button" onClick={() => tryNewNumbers()} title="Draw new inputs and weights (undoable) and start again">Try with new numbers</button>
      </div>
      <TeacherSettings graph={graph} settings={settings} />
    </div>
  );
}

function tryNewNumbers(): void {
  const run = useRun.getState();
  if (!run.results || run.stale) return;
  const doc = useDocument.getState();
  doc.commit('new numbers', withNewNumbers(doc.graph, run.results, nextSeed(doc.graph)));
  useExercise.getState().reset();
  useView.getState().setStepIndex(0);
}

function Question(props: { step: Step; settings: ExerciseSettings; attempt: Attempt | undefined }) {
  const { step, settings, attempt } = props;
  const q = questionOf(step, settings)!;
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const outcome = attempt?.outcome ?? null;
  const message = attempt ? attemptMessage(attempt) : null;
  const check = (e?: FormEvent): void => {
    e?.preventDefault();
    setProblem(useExercise.getState().check(step, settings, q, text));
  };
  const value = formatNumber(q.value);
  return (
    <form className="exercise__question" onSubmit={check} aria-label="Exercise question">
      <div className="exercise__ask">
        <span className="muted">{outcome ? 'Asked:' : 'Work out:'}</span>
        <span className="exercise__tex" data-testid="exercise-question" data-text={q.text}
          dangerouslySetInnerHTML={{ __html: stepHtml(`${q.tex} = ${outcome ? value : '\\;?'}`) }} />
      </div>
      {outcome === null && (
        <div className="exercise__answer">
          <input type="text" inputMode="decimal" autoComplete="off" spellCheck={false} aria-label="Your answer" placeholder="Your answer"
            value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <button type="submit">Check</button>
          <button type="button" onClick={() => useExercise.getState().show(step, settings, q)} title="Show the answer and the worked equation">Show</button>
        </div>
      )}
      <div className="exercise__verdict" role="status" data-testid="exercise-verdict" data-outcome={outcome ?? (attempt?.verdict ? 'wrong' : 'open')}>
        {problem ?? (outcome === 'correct'
          ? <strong className="exercise__correct">Correct</strong>
          : <>
            {message && <span className="exercise__hint">{message}</span>}
            {outcome === 'revealed' && <span className="exercise__revealed"> Answer: {q.text} = {value}.</span>}
            {outcome === null && attempt?.verdict ? <span className="muted"> One more try, or Show.</span> : null}
          </>)}
      </div>
    </form>
  );
}

function TeacherSettings(props: { graph: Graph; settings: ExerciseSettings }) {
  const { graph, settings } = props;
  const set = (patch: Partial<ExerciseSettings>): void => commitSettings({ ...settings, ...patch });
  const chosen = new Set(settings.nodes ?? []);
  return (
    <details className="exercise__settings">
      <summary>Teacher settings</summary>
      <p className="muted">Saved in the graph file: a file with them opens in exercise mode.</p>
      <label>Ask{' '}
        <select aria-label="Ask" value={settings.ask} onChange={(e) => set({ ask: e.currentTarget.value as ExerciseAsk })}>
          {exerciseAsks.map((a) => <option key={a} value={a}>{ASK_LABELS[a]}</option>)}
        </select>
      </label>
      {settings.ask === 'nodes' && (
        <fieldset className="exercise__nodes">
          <legend>Nodes whose steps ask</legend>
          {graph.nodes.map((n) => (
            <label key={n.id}>
              <input type="checkbox" checked={chosen.has(n.id)}
                onChange={(e) => set({ nodes: graph.nodes.map((m) => m.id).filter((id) => (id === n.id ? e.currentTarget.checked : chosen.has(id))) })} />
              {displayName(n)}
            </label>
          ))}
        </fieldset>
      )}
      {settings.ask === 'updates' && (
        <NumberField label="Learning rate" value={settings.learningRate} min={1e-6} max={100} step="any" onCommit={(v) => set({ learningRate: v })} />
      )}
      <NumberField label="Significant digits" value={settings.digits} min={1} max={12} step="1" integer onCommit={(v) => set({ digits: v })} />
    </details>
  );
}

/** A number committed on blur or Enter when it is valid (the document keeps only valid settings). */
function NumberField(props: { label: string; value: number; min: number; max: number; step: string; integer?: boolean; onCommit: (v: number) => void }) {
  const { label, value, min, max, step, integer, onCommit } = props;
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) { setShown(value); setText(String(value)); }
  const v = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
  const commit = (): void => { if (valid && v !== value) onCommit(v); };
  return (
    <label>{label}{' '}
      <input type="number" aria-label={label} aria-invalid={!valid} min={min} max={max} step={step} value={text}
        onChange={(e) => setText(e.currentTarget.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
    </label>
  );
}
