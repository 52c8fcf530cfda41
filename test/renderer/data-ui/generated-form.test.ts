// The generated-dataset form checks its text with the file format's own bounds, field by field.
import { expect, it } from 'vitest';
import { DEFAULT_FIELDS, fieldsOf, sameSpec, validateFields } from '../../../renderer/data-ui/generated-form.ts';

it('turns valid text into the spec a file stores (noise left empty = the generator default)', () => {
  const { spec, errors } = validateFields({ ...DEFAULT_FIELDS, generator: 'spiral', size: '300', testFraction: '0.25', seed: '7' });
  expect(errors).toEqual({});
  expect(spec).toEqual({ source: 'generated', generator: 'spiral', size: 300, testFraction: 0.25, seed: 7 });
});

it('names each field outside the schema bounds', () => {
  const { spec, errors } = validateFields({ ...DEFAULT_FIELDS, size: '3', noise: '10.5', testFraction: '0.95', seed: '1.5' });
  expect(spec).toBeNull();
  expect(errors).toEqual({ size: 'at least 4', noise: 'at most 10', testFraction: 'at most 0.9', seed: 'a whole number' });
  expect(validateFields({ ...DEFAULT_FIELDS, seed: String(2 ** 32) }).errors.seed).toBe(`at most ${2 ** 32 - 1}`);
  expect(validateFields({ ...DEFAULT_FIELDS, size: '100001' }).errors.size).toBe('at most 100000');
});

it('rejects text that is not a number before asking the schema', () => {
  expect(validateFields({ ...DEFAULT_FIELDS, noise: '0.1x', size: '' }).errors).toEqual({ noise: 'a number', size: 'required' });
});

it('asks for a class count only for blobs, and checks binary labels against it', () => {
  expect(validateFields({ ...DEFAULT_FIELDS, generator: 'moons', classes: '99' }).errors).toEqual({});
  expect(validateFields({ ...DEFAULT_FIELDS, generator: 'blobs', classes: '11' }).errors).toEqual({ classes: 'at most 10' });
  expect(validateFields({ ...DEFAULT_FIELDS, generator: 'blobs', classes: '4', labels: 'binary' }).errors.labels).toMatch(/binary labels need two classes/);
  expect(validateFields({ ...DEFAULT_FIELDS, generator: 'blobs', classes: '2', labels: 'binary' }).spec).toMatchObject({ classes: 2, labels: 'binary' });
  // Regression has no classes: binary is not stored for sine.
  expect(validateFields({ ...DEFAULT_FIELDS, generator: 'sine', labels: 'binary' }).spec).not.toHaveProperty('labels');
});

it('fields of a spec validate back to the same recipe', () => {
  const spec = { source: 'generated' as const, generator: 'blobs' as const, classes: 4, seed: 9, size: 120, noise: 0.3, testFraction: 0.1 };
  const back = validateFields(fieldsOf(spec)).spec!;
  expect(sameSpec(back, spec)).toBe(true);
  expect(sameSpec(back, { ...spec, noise: 0.31 })).toBe(false);
});
