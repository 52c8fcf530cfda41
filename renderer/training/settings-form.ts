// The training panel's settings form: what the user typed (strings, so half-typed numbers survive),
// checked as they type with the engine's own schema, so the panel and the trainer agree on every bound,
// and the schema's wording turned into a short message for the field.
import { trainingSettingsSchema, type TrainingSettings } from '../../engine/index.ts';

export type NumberField = 'learningRate' | 'momentum' | 'weightDecay' | 'l1' | 'epochs' | 'batchSize' | 'seed';
export type FormSettings = Pick<TrainingSettings, 'optimizer' | NumberField>;
/** The form as typed: the optimiser, and each number field's text. */
export type Draft = { optimizer: TrainingSettings['optimizer'] } & Record<NumberField, string>;
export type FieldErrors = Partial<Record<NumberField, string>>;
/** What a run takes from the form: no `epochs` when it trains until paused. */
export type RunSettings = Omit<FormSettings, 'epochs'> & { epochs?: number };

/** Fields a running trainer takes new values of at its next mini-batch (the others need a restart). */
export const LIVE_FIELDS: readonly NumberField[] = ['learningRate', 'weightDecay', 'l1'];

/** Epochs left empty (or ∞) trains until paused or stopped, as TensorFlow Playground's Play does. */
export const UNTIL_STOPPED = '∞';
export const untilStopped = (epochs: string): boolean => {
  const t = epochs.trim();
  return t === '' || t === UNTIL_STOPPED || t.toLowerCase() === 'inf';
};
export const NUMBER_FIELDS: readonly { key: NumberField; label: string; step: string }[] = [
  { key: 'learningRate', label: 'Learning rate', step: 'any' },
  { key: 'momentum', label: 'Momentum', step: 'any' },
  { key: 'weightDecay', label: 'Weight decay (L2)', step: 'any' },
  { key: 'l1', label: 'L1', step: 'any' },
  { key: 'epochs', label: 'Epochs', step: '1' },
  { key: 'batchSize', label: 'Batch', step: '1' },
  { key: 'seed', label: 'Seed', step: '1' },
];

export function draftOf(s: FormSettings): Draft {
  return { optimizer: s.optimizer, learningRate: String(s.learningRate), momentum: String(s.momentum), weightDecay: String(s.weightDecay), l1: String(s.l1), epochs: String(s.epochs), batchSize: String(s.batchSize), seed: String(s.seed) };
}

const bound = (v: unknown): string => (typeof v === 'number' || typeof v === 'bigint' ? v.toLocaleString('en', { maximumFractionDigits: 20 }) : String(v));

/** The engine schema's verdict on one field, in words for the field ('' text means empty). */
export function fieldError(key: NumberField, text: string): string | null {
  if (key === 'epochs' && untilStopped(text)) return null;
  if (text.trim() === '') return 'Enter a number';
  const value = Number(text);
  if (!Number.isFinite(value)) return 'Enter a number';
  const r = trainingSettingsSchema.shape[key].safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  switch (issue.code) {
    case 'too_small': return issue.inclusive ? `At least ${bound(issue.minimum)}` : `Must be more than ${bound(issue.minimum)}`;
    case 'too_big': return issue.inclusive ? `At most ${bound(issue.maximum)}` : `Must be less than ${bound(issue.maximum)}`;
    case 'invalid_type': return issue.expected === 'int' ? 'Must be a whole number' : 'Enter a number';
    default: return issue.message;
  }
}

/** Whether momentum counts: it is ignored (and its input disabled) unless the optimiser is SGD. */
export const usesMomentum = (d: Pick<Draft, 'optimizer'>): boolean => d.optimizer === 'sgd';

/**
 * Per-field messages, and the settings to train with when there are none; `untilStopped` when the
 * epochs field is empty or ∞ (the settings then carry no epochs: the saved ones stay in the file).
 */
export function checkDraft(d: Draft): { errors: FieldErrors; settings: RunSettings | null; untilStopped: boolean } {
  const errors: FieldErrors = {};
  for (const { key } of NUMBER_FIELDS) {
    const e = fieldError(key, d[key]);
    if (e) errors[key] = e;
  }
  const endless = untilStopped(d.epochs);
  if (Object.keys(errors).length > 0) return { errors, settings: null, untilStopped: endless };
  const settings: RunSettings = { optimizer: d.optimizer, learningRate: Number(d.learningRate), momentum: Number(d.momentum), weightDecay: Number(d.weightDecay), l1: Number(d.l1), batchSize: Number(d.batchSize), seed: Number(d.seed) };
  return { errors, settings: endless ? settings : { ...settings, epochs: Number(d.epochs) }, untilStopped: endless };
}

/** The live fields' values when each is valid (a field being typed is left out). */
export function liveRates(d: Draft): Partial<Pick<FormSettings, 'learningRate' | 'weightDecay' | 'l1'>> {
  const out: Partial<Record<'learningRate' | 'weightDecay' | 'l1', number>> = {};
  for (const key of ['learningRate', 'weightDecay', 'l1'] as const) if (fieldError(key, d[key]) === null) out[key] = Number(d[key]);
  return out;
}
