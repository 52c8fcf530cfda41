// The generator, its size, noise, test split and seed, checked in place with the engine's bounds.
// Controlled: the parent owns the text and decides when a valid recipe is applied.
import { generatorInfo, generators, type GeneratorName } from '../../engine/index.ts';
import { validateFields, type FieldName, type GeneratedFields } from './generated-form.ts';

const LABELS: Record<GeneratorName, string> = {
  xor: 'XOR', moons: 'two moons', circles: 'concentric circles', spiral: 'two-arm spiral', blobs: 'Gaussian blobs', sine: 'sine (regression)',
};

interface Props {
  fields: GeneratedFields;
  /** `apply`: a select changed, or a text field was left or confirmed with Enter. */
  onChange(fields: GeneratedFields, apply: boolean): void;
}

export function GeneratedForm({ fields, onChange }: Props) {
  const { errors } = validateFields(fields);
  const info = generatorInfo[fields.generator];
  const text = (name: Exclude<FieldName, 'generator' | 'labels'>, label: string, hint?: string) => (
    <label className="field" title={hint ? `empty: the generator's default, ${hint}` : undefined}>
      <span>{label}</span>
      <input
        type="text" inputMode="decimal" value={fields[name]} placeholder={hint} aria-invalid={errors[name] !== undefined}
        aria-label={label} data-testid={`dataset-${name}`}
        onChange={(e) => onChange({ ...fields, [name]: e.currentTarget.value }, false)}
        onBlur={() => onChange(fields, true)}
        onKeyDown={(e) => { if (e.key === 'Enter') onChange(fields, true); }}
      />
      {errors[name] ? <em className="field-error" data-testid={`dataset-${name}-error`}>{errors[name]}</em> : null}
    </label>
  );
  return (
    <div className="bps-dataset-form">
      <label className="field">
        <span>generator</span>
        <select aria-label="Generator" data-testid="dataset-generator" value={fields.generator} title={info.description}
          onChange={(e) => onChange({ ...fields, generator: e.currentTarget.value as GeneratorName }, true)}>
          {generators.map((g) => <option key={g} value={g}>{LABELS[g]}</option>)}
        </select>
      </label>
      {fields.generator === 'blobs' ? text('classes', 'classes') : null}
      {text('size', 'samples')}
      {text('noise', 'noise', `${info.defaultNoise}`)}
      {text('testFraction', 'test split')}
      {text('seed', 'seed')}
      {info.task === 'classification' ? (
        <label className="field">
          <span>labels</span>
          <select aria-label="Labels" data-testid="dataset-labels" value={fields.labels}
            onChange={(e) => onChange({ ...fields, labels: e.currentTarget.value as 'onehot' | 'binary' }, true)}>
            <option value="onehot">one-hot</option>
            <option value="binary">one 0/1 column</option>
          </select>
        </label>
      ) : null}
      {errors.labels ? <em className="field-error">{errors.labels}</em> : null}
    </div>
  );
}
