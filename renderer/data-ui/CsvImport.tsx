// "Import CSV…": pick a file, the feature columns and the target column, then import all or nothing.
// The engine's parser names the first bad row's line; the caller commits only a complete dataset.
import { useState, type ReactNode } from 'react';
import { importCsv, MAX_FILE_BYTES, splitCsv, type EmbeddedDatasetSpec } from '../../engine/index.ts';
import { guessChoice, guessTask, importOptions, issueText, type CsvChoice } from './csv-choice.ts';

interface Props {
  onImport(dataset: EmbeddedDatasetSpec): void;
  onCancel(): void;
  /** Binding options shown above the Import button. */
  children?: ReactNode;
  /** The width of the model's prediction (1 for one output): two classes then default to one 0/1 column. */
  predictionWidth?: number;
}

export function CsvImport({ onImport, onCancel, children, predictionWidth }: Props) {
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [choice, setChoice] = useState<CsvChoice | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = async (file: File | undefined): Promise<void> => {
    setChoice(null); setText(null); setError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) { setError(`${file.name} is ${Math.round(file.size / 1e6)} MB; at most ${MAX_FILE_BYTES / 1e6} MB can be imported.`); return; }
    const content = await file.text();
    const guess = guessChoice(content, predictionWidth);
    setFileName(file.name);
    if ('message' in guess) { setError(issueText(guess)); return; }
    setText(content);
    setChoice(guess);
  };
  const doImport = (): void => {
    if (!text || !choice) return;
    const r = importCsv(text, importOptions(choice));
    if (!r.ok) { setError(issueText(r.issue)); return; }
    setError(null);
    onImport(r.dataset);
  };
  const toggle = (col: string, on: boolean): void => {
    if (!choice) return;
    const features = choice.columns.filter((c) => (c === col ? on : choice.features.includes(c)));
    setChoice({ ...choice, features });
  };
  const setTarget = (target: string): void => {
    if (!choice || !text) return;
    // The target cannot also be a feature; its values decide the likely task again.
    const col = choice.columns.indexOf(target);
    const table = splitCsv(text);
    const rows = 'message' in table ? [] : table.rows.slice(1);
    setChoice({ ...choice, target, features: choice.features.filter((f) => f !== target), task: guessTask(rows, col, predictionWidth) });
  };

  return (
    <div className="bps-dataset-panel" data-testid="dataset-csv-panel">
      <label className="field bps-dataset-file">
        <span>CSV file</span>
        <input type="file" accept=".csv,text/csv,text/plain" aria-label="CSV file" data-testid="dataset-csv-file" onChange={(e) => void read(e.currentTarget.files?.[0])} />
      </label>
      <p className="muted bps-dataset-note">First row: column names. Feature columns must be numbers; class labels are one-hot encoded, or one 0/1 column for two classes.</p>
      {choice ? (
        <>
          <fieldset className="bps-dataset-columns">
            <legend>Features of {fileName}</legend>
            {choice.columns.map((c) => (
              <label key={c} className="bps-dataset-check">
                <input type="checkbox" data-testid={`dataset-csv-feature-${c}`} disabled={c === choice.target}
                  checked={choice.features.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
                {c}
              </label>
            ))}
          </fieldset>
          <label className="field"><span>target</span>
            <select aria-label="Target column" data-testid="dataset-csv-target" value={choice.target} onChange={(e) => setTarget(e.currentTarget.value)}>
              {choice.columns.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label className="field"><span>task</span>
            <select aria-label="Task" data-testid="dataset-csv-task" value={choice.task} onChange={(e) => setChoice({ ...choice, task: e.currentTarget.value as CsvChoice['task'] })}>
              <option value="classification">classes (one-hot)</option>
              <option value="binary">one 0/1 column (two classes)</option>
              <option value="regression">numbers (regression)</option>
            </select>
          </label>
          {children}
        </>
      ) : null}
      {error ? <p role="alert" className="bps-dataset-error" data-testid="dataset-error">{error}</p> : null}
      <div className="bps-dataset-actions">
        <button type="button" data-testid="dataset-csv-import" disabled={!choice || choice.features.length === 0} onClick={doImport}>Import</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
