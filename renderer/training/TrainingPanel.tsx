// Optimiser settings, Train / Pause / Resume / Stop, progress, live charts and the decision boundary.
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_TRAINING_SETTINGS, trainingSettings, type TrainingSettings } from '../../engine/index.ts';
import { formatNumber } from '../math/format.ts';
import { useDocument } from '../store/document-store.ts';
import { GradNormChart, LossChart } from './charts.tsx';
import { DecisionBoundary } from './DecisionBoundary.tsx';
import { training } from './training-client.ts';
import { isActive, progressText, useTraining } from './training-store.ts';

type Form = Pick<TrainingSettings, 'optimizer' | 'learningRate' | 'momentum' | 'epochs' | 'batchSize' | 'seed'>;
const NUMBER_FIELDS: { key: Exclude<keyof Form, 'optimizer'>; label: string; step: string }[] = [
  { key: 'learningRate', label: 'Learning rate', step: 'any' },
  { key: 'momentum', label: 'Momentum', step: 'any' },
  { key: 'epochs', label: 'Epochs', step: '1' },
  { key: 'batchSize', label: 'Batch', step: '1' },
  { key: 'seed', label: 'Seed', step: '1' },
];

function savedSettings(training: unknown): Form {
  try {
    return trainingSettings({ name: '', nodes: [], edges: [], training });
  } catch {
    return DEFAULT_TRAINING_SETTINGS;
  }
}

function Settings({ form, setForm, disabled }: { form: Form; setForm: (f: Form) => void; disabled: boolean }) {
  return (
    <fieldset className="bps-train-settings" disabled={disabled}>
      <label>Optimizer
        <select aria-label="Optimizer" value={form.optimizer} onChange={(e) => setForm({ ...form, optimizer: e.target.value as Form['optimizer'] })}>
          <option value="sgd">sgd</option>
          <option value="adam">adam</option>
        </select>
      </label>
      {NUMBER_FIELDS.map((f) => (
        <label key={f.key}>{f.label}
          <input type="number" aria-label={f.label} step={f.step} value={form[f.key]} disabled={f.key === 'momentum' && form.optimizer !== 'sgd'}
            onChange={(e) => setForm({ ...form, [f.key]: e.target.valueAsNumber })} />
        </label>
      ))}
    </fieldset>
  );
}

export function TrainingPanel() {
  const saved = useDocument((s) => s.graph.training);
  const defaults = useMemo(() => savedSettings(saved), [saved]);
  const [form, setForm] = useState<Form>(defaults);
  useEffect(() => setForm(defaults), [defaults]);
  const status = useTraining((s) => s.status);
  const progress = useTraining((s) => s.progress);
  const error = useTraining((s) => s.error);
  // Wall clock once measurable; a run shorter than that shows the engine's own rate.
  const wallRate = useTraining((s) => s.wallRate || (s.progress?.stepsPerSecond ?? 0));
  const writeBack = useTraining((s) => s.writeBack);
  const active = isActive(status);
  const percent = progress && progress.totalSteps > 0 ? Math.round((1000 * progress.step) / progress.totalSteps) / 10 : 0;
  const m = progress?.metrics;
  const valid = NUMBER_FIELDS.every((f) => Number.isFinite(form[f.key]));

  return (
    <section className="bps-training" aria-label="Training">
      <div className="bps-train-left">
        <Settings form={form} setForm={setForm} disabled={active} />
        <div className="bps-train-buttons">
          <button type="button" disabled={active || !valid} onClick={() => training.start(form)}>Train</button>
          {status === 'paused'
            ? <button type="button" onClick={training.resume}>Resume</button>
            : <button type="button" disabled={status !== 'running'} onClick={training.pause}>Pause</button>}
          <button type="button" disabled={!active} onClick={training.stop}>Stop</button>
        </div>
        <div className="bps-progress-row">
          <div role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            data-testid="training-progress" data-step={progress?.step ?? 0} data-state={status} className="bps-progress">
            <div style={{ width: `${percent}%` }} />
          </div>
          <span data-testid="training-progress-text">{progressText(status, progress)}</span>
        </div>
        <dl className="bps-train-metrics">
          <dt>batch loss</dt><dd data-testid="metric-batch-loss">{progress?.batchLoss == null ? '—' : formatNumber(progress.batchLoss, 4)}</dd>
          <dt>train / test loss</dt><dd>{m ? `${formatNumber(m.trainLoss, 4)} / ${m.testLoss === null ? '—' : formatNumber(m.testLoss, 4)}` : '—'}</dd>
          <dt>accuracy</dt><dd data-testid="metric-accuracy">{m?.trainAccuracy == null ? '—' : `${(m.trainAccuracy * 100).toFixed(1)}%${m.testAccuracy === null ? '' : ` / ${(m.testAccuracy * 100).toFixed(1)}% test`}`}</dd>
          <dt>steps/s</dt><dd data-testid="metric-steps-per-second" data-value={wallRate} data-busy-rate={progress?.stepsPerSecond ?? 0}>{wallRate > 0 ? Math.round(wallRate).toLocaleString('en') : '—'}</dd>
        </dl>
        {error ? (
          <p className="bps-train-error" role="alert" data-testid="training-error" data-node={error.nodeId ?? ''}>
            {error.nodeId ? <strong>Node “{error.nodeId}”: </strong> : null}{error.message}
          </p>
        ) : null}
        {writeBack === 'written' ? <p className="muted" data-testid="training-writeback">Trained parameters written to the graph (Undo restores the old ones).</p> : null}
        {writeBack === 'graph-changed' ? <p className="muted" data-testid="training-writeback">The graph changed while training, so the trained parameters were not written back.</p> : null}
        {writeBack === 'not-after-failure' ? <p className="muted" data-testid="training-writeback">Training failed, so the graph keeps its parameters.</p> : null}
      </div>
      <div className="bps-train-charts">
        <LossChart />
        <GradNormChart />
      </div>
      <DecisionBoundary />
    </section>
  );
}
