// The panel checks settings as the user types with the engine's own schema: whatever the panel
// accepts the trainer accepts, whatever it marks the trainer would refuse, and it says why in words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS, trainingSettings } from '../../../engine/index.ts';
import { checkDraft, draftOf, fieldError, liveRates, NUMBER_FIELDS, type NumberField } from '../../../renderer/training/settings-form.ts';

const engineAccepts = (key: NumberField, value: number): boolean => {
  try {
    trainingSettings({ name: '', nodes: [], edges: [] }, { [key]: value });
    return true;
  } catch {
    return false;
  }
};

// Values at, just inside and just outside each documented bound (docs/file-format.md), plus oddities.
const EDGES = [-1, -1e-9, 0, 1e-9, 0.5, 0.999, 0.9991, 1, 1.5, 2, 99.99, 100, 100.01, 1000, 100_000, 100_001, 1_000_000, 1_000_001, 2 ** 32 - 1, 2 ** 32];

describe('training settings form', () => {
  it('agrees with the engine on every field at the bounds', () => {
    for (const { key } of NUMBER_FIELDS) {
      for (const v of EDGES) expect([key, v, fieldError(key, String(v)) === null]).toEqual([key, v, engineAccepts(key, v)]);
    }
  });

  it('agrees with the engine on random numbers', () => {
    const field = fc.constantFrom(...NUMBER_FIELDS.map((f) => f.key));
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e10 }), fc.integer({ min: -10, max: 2 ** 33 }));
    fc.assert(fc.property(field, value, (key, v) => (fieldError(key, String(v)) === null) === engineAccepts(key, v)), { numRuns: 2000 });
  });

  it('says what is wrong in words, not in schema wording', () => {
    expect(fieldError('learningRate', '1000')).toBe('At most 100');
    expect(fieldError('learningRate', '0')).toBe('Must be more than 0');
    expect(fieldError('momentum', '1')).toBe('At most 0.999');
    expect(fieldError('epochs', '2.5')).toBe('Must be a whole number');
    expect(fieldError('epochs', '2000000')).toBe('At most 1,000,000');
    expect(fieldError('seed', '-1')).toBe('At least 0');
    expect(fieldError('batchSize', '')).toBe('Enter a number');
    expect(fieldError('batchSize', '  ')).toBe('Enter a number');
  });

  it('gives settings to train with only when every field is valid', () => {
    const ok = checkDraft(draftOf(DEFAULT_TRAINING_SETTINGS));
    expect(ok.errors).toEqual({});
    expect(ok.settings).toMatchObject({ learningRate: DEFAULT_TRAINING_SETTINGS.learningRate, epochs: DEFAULT_TRAINING_SETTINGS.epochs });
    const bad = checkDraft({ ...draftOf(DEFAULT_TRAINING_SETTINGS), learningRate: '500', batchSize: '0' });
    expect(bad.settings).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['batchSize', 'learningRate']);
  });

  it('an empty or ∞ epochs field trains until paused, keeping the saved epochs (issue 13.11)', () => {
    for (const text of ['', '  ', '∞', 'inf']) {
      const r = checkDraft({ ...draftOf(DEFAULT_TRAINING_SETTINGS), epochs: text });
      expect([text, r.errors, r.untilStopped]).toEqual([text, {}, true]);
      expect(r.settings).not.toHaveProperty('epochs');
    }
    expect(checkDraft(draftOf(DEFAULT_TRAINING_SETTINGS)).untilStopped).toBe(false);
    expect(fieldError('epochs', 'x')).toBe('Enter a number');
  });

  it('liveRates gives the valid live fields only', () => {
    expect(liveRates({ ...draftOf(DEFAULT_TRAINING_SETTINGS), learningRate: '0.5', weightDecay: '-1', l1: '0.01' })).toEqual({ learningRate: 0.5, l1: 0.01 });
  });
});
