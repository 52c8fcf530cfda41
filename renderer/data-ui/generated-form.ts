// The "generated dataset" form as plain data: text fields in, a spec (checked by the engine's own
// schema, so the bounds are the file format's) or one message per bad field out.
import { datasetSpecSchema, generatorInfo, type GeneratedDatasetSpec, type GeneratorName } from '../../engine/index.ts';

export interface GeneratedFields {
  generator: GeneratorName;
  size: string;
  /** Empty: the generator's default noise. */
  noise: string;
  testFraction: string;
  seed: string;
  /** blobs only. */
  classes: string;
  labels: 'onehot' | 'binary';
}

export type FieldName = Exclude<keyof GeneratedFields, 'generator'> | 'generator';
export type FieldErrors = Partial<Record<FieldName, string>>;

export const DEFAULT_FIELDS: GeneratedFields = { generator: 'moons', size: '200', noise: '', testFraction: '0.2', seed: '1', classes: '3', labels: 'onehot' };

export function fieldsOf(spec: GeneratedDatasetSpec): GeneratedFields {
  return {
    generator: spec.generator,
    size: String(spec.size),
    noise: spec.noise === undefined ? '' : String(spec.noise),
    testFraction: String(spec.testFraction),
    seed: String(spec.seed),
    classes: String(spec.classes ?? 3),
    labels: spec.labels ?? 'onehot',
  };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function validateFields(f: GeneratedFields): { spec: GeneratedDatasetSpec | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (name: FieldName, text: string): number | undefined => {
    const t = text.trim();
    if (!NUMBER.test(t)) { errors[name] = t === '' ? 'required' : 'a number'; return undefined; }
    return Number(t);
  };
  const raw: Record<string, unknown> = {
    source: 'generated', generator: f.generator,
    size: num('size', f.size), testFraction: num('testFraction', f.testFraction), seed: num('seed', f.seed),
  };
  if (f.noise.trim() !== '') raw.noise = num('noise', f.noise);
  if (f.generator === 'blobs') raw.classes = num('classes', f.classes);
  if (generatorInfo[f.generator].task === 'classification' && f.labels === 'binary') raw.labels = 'binary';
  if (Object.keys(errors).length) return { spec: null, errors };
  const r = datasetSpecSchema.safeParse(raw);
  if (r.success) return { spec: r.data as GeneratedDatasetSpec, errors };
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? 'generator') as FieldName;
    errors[key] ??= plain(issue);
  }
  return { spec: null, errors };
}

/** Same recipe (so no commit is needed)? Compares the fields a file stores. */
export function sameSpec(a: GeneratedDatasetSpec, b: GeneratedDatasetSpec): boolean {
  return a.generator === b.generator && a.size === b.size && a.noise === b.noise && a.testFraction === b.testFraction
    && a.seed === b.seed && a.classes === b.classes && (a.labels ?? 'onehot') === (b.labels ?? 'onehot');
}

/** Zod's wording made short for a field hint ("at most 0.9"); custom messages are already prose. */
function plain(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown; expected?: unknown }): string {
  if (issue.code === 'too_small') return `at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'a whole number';
  return issue.message;
}
