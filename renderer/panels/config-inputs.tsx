// The inputs of a config form (the node inspector's, and a composite module's inner nodes' in the
// instance inspector): a whole number, a number, a text, a list of names, a switch, a choice, each
// committed on Enter or blur when valid.
import { useState } from 'react';
import type { ConfigField } from '../model/config-fields.ts';

const MAX_SIZE = 512;

export function IntField({ label, value, onCommit, testId }: { label: string; value: number; onCommit: (n: number) => void; testId: string }) {
  const [bad, setBad] = useState(false);
  const commit = (text: string): void => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_SIZE) { setBad(true); return; }
    setBad(false);
    if (n !== value) onCommit(n);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input
        key={value} type="text" inputMode="numeric" defaultValue={String(value)} aria-invalid={bad} data-testid={testId}
        title={bad ? `a whole number from 1 to ${MAX_SIZE}` : undefined}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }}
      />
      {bad ? <em className="field-error">1…{MAX_SIZE}</em> : null}
    </label>
  );
}

/** One field of the generic config form, by the type its schema gives it. */
export function ConfigInput({ field: f, value, onCommit, testId = `config-${f.key}` }: { field: ConfigField; value: unknown; onCommit: (v: unknown) => void; testId?: string }) {
  switch (f.type) {
    case 'int': return <IntField label={f.key} value={value as number} testId={testId} onCommit={onCommit} />;
    case 'boolean': return <label className="field"><span>{f.key}</span><input type="checkbox" data-testid={testId} checked={value as boolean} onChange={(e) => onCommit(e.target.checked)} /></label>;
    case 'choice': return (
      <label className="field"><span>{f.key}</span>
        <select data-testid={testId} value={value as string} onChange={(e) => onCommit(e.target.value)}>
          {f.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
    );
    case 'number': return <TextField label={f.key} value={String(value)} testId={testId} valid={(t) => t.trim() !== '' && Number.isFinite(Number(t))} onCommit={(t) => onCommit(Number(t))} />;
    case 'text': return <TextField label={f.key} value={String(value ?? '')} testId={testId} valid={() => true} onCommit={onCommit} />;
    case 'names': return <TextField label={f.key} value={(value as string[] | undefined)?.join(', ') ?? ''} testId={testId} valid={() => true} onCommit={(t) => onCommit(t.split(/[\s,]+/).filter(Boolean))} />;
  }
}

/** A text committed on Enter or blur, when `valid` accepts it. */
export function TextField({ label, value, testId, valid, onCommit }: { label: string; value: string; testId: string; valid: (t: string) => boolean; onCommit: (t: string) => void }) {
  const [bad, setBad] = useState(false);
  const commit = (text: string): void => {
    if (!valid(text)) { setBad(true); return; }
    setBad(false);
    if (text !== value) onCommit(text);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input key={value} type="text" defaultValue={value} aria-invalid={bad} data-testid={testId}
        onBlur={(e) => commit(e.currentTarget.value)} onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }} />
    </label>
  );
}

