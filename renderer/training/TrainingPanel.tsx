// Optimiser settings, Train / Pause / Resume / Stop, progress, live charts and the decision boundary.
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_TRAINING_SETTINGS, trainingSettings, type TrainingSettings } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { reinitAllParams } from '../model/graph-ops.ts';
import { changesModel, diffGraphs } from '../model/graph-change.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { TrainingCharts } from './charts.tsx';
import { BatchStepTable } from './BatchStepTable.tsx';
import { DecisionBoundary } from './DecisionBoundary.tsx';
import { checkDraft, draftOf, LIVE_FIELDS, liveRates, NUMBER_FIELDS, UNTIL_STOPPED, untilStopped, usesMomentum, type Draft, type FieldErrors, type FormSettings } from './settings-form.ts';
import { useServices } from '../services.tsx';
import { PrecisionChoice } from './PrecisionChoice.tsx';
import { offersFloat32 } from './step-size.ts';
import { isActive, precisionMark, progressText, rateChangeText, ratesText, useTraining } from './training-store.ts';

function savedSettings(training: unknown): FormSettings {
  try {
    return trainingSettings({ name: '', nodes: [], edges: [], training });
  } catch {
    return DEFAULT_TRAINING_SETTINGS;
  }
}

/**
 * While a run is active only the live fields (learning rate, weight decay, L1) stay editable: a valid
 * value goes to the running trainer at once (`onLive`), for its next mini-batch.
 */
function Settings({ draft, setDraft, errors, active, onLive }: { draft: Draft; setDraft: (d: Draft) => void; errors: FieldErrors; active: boolean; onLive: (d: Draft) => void }) {
  return (
    <fieldset className="bps-train-settings">
      <label>Optimizer
        <select aria-label="Optimizer" value={draft.optimizer} disabled={active} onChange={(e) => setDraft({ ...draft, optimizer: e.target.value as TrainingSettings['optimizer'] })}>
          <option value="sgd">sgd</option>
          <option value="adam">adam</option>
        </select>
      </label>
      {NUMBER_FIELDS.map((f) => {
        const error = errors[f.key];
        const id = `bps-train-${f.key}-error`;
        const live = LIVE_FIELDS.includes(f.key);
        // Adam ignores momentum, but the engine still checks it: a bad value stays editable.
        const off = (active && !live) || (f.key === 'momentum' && !usesMomentum(draft) && !error);
        const epochs = f.key === 'epochs';
        return (
          <label key={f.key}>{f.label}
            <input type={epochs ? 'text' : 'number'} inputMode={epochs ? 'numeric' : undefined} aria-label={f.label} step={epochs ? undefined : f.step}
              value={draft[f.key]} disabled={off}
              placeholder={epochs ? `${UNTIL_STOPPED} until paused` : undefined}
              title={epochs ? `Empty or ${UNTIL_STOPPED}: train until you pause or stop` : live ? 'Can change while training runs: the next mini-batch uses it' : undefined}
              aria-invalid={error ? true : undefined} aria-describedby={error ? id : undefined}
              onChange={(e) => {
                const next = { ...draft, [f.key]: e.target.value };
                setDraft(next);
                if (active && live) onLive(next);
              }} />
            {error ? <span id={id} className="bps-field-error" data-testid={`settings-error-${f.key}`}>{error}</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}

/** Edits made while a run is active: its parameters would no longer fit the graph, so say so at once. */
function StaleRunNotice() {
  return (
    <p className="bps-train-stale" role="status" data-testid="training-stale">
      The graph changed since this run began, so its parameters will not be written back.
      <strong> Restart</strong> trains the edited graph from the beginning; <strong>Stop</strong> ends this run; undoing the edits lets it go on.
    </p>
  );
}

export function TrainingPanel() {
  const { training } = useServices();
  const saved = useDocument((s) => s.graph.training);
  const defaults = useMemo(() => draftOf(savedSettings(saved)), [saved]);
  const [draft, setDraft] = useState<Draft>(defaults);
  // A new saved state (a run's write-back, undo, open) refills the form; "until paused" is the panel's, not the file's, so it stays.
  useEffect(() => setDraft((d) => (untilStopped(d.epochs) ? { ...defaults, epochs: d.epochs } : defaults)), [defaults]);
  const { errors, settings, untilStopped: endless } = useMemo(() => checkDraft(draft), [draft]);
  const status = useTraining((s) => s.status);
  const progress = useTraining((s) => s.progress);
  const error = useTraining((s) => s.error);
  // Wall clock once measurable; a run shorter than that shows the engine's own rate.
  const wallRate = useTraining((s) => s.wallRate || (s.progress?.stepsPerSecond ?? 0));
  const writeBack = useTraining((s) => s.writeBack);
  const source = useTraining((s) => s.source);
  const active = isActive(status);
  const stale = useDocument((s) => active && source !== null && changesModel(diffGraphs(source, s.graph)));
  const rateChanges = useTraining((s) => s.rateChanges);
  const bounded = progress ? Number.isFinite(progress.totalSteps) : true;
  const percent = progress && bounded && progress.totalSteps > 0 ? Math.round((1000 * progress.step) / progress.totalSteps) / 10 : 0;
  const m = progress?.metrics;
  const mark = precisionMark(progress);
  const refusal = useTraining((s) => s.float32Refusal);
  // Small steps (the lecture example) do not gain from float32: no control, and they train exactly.
  const offered = useDocument((s) => offersFloat32(s.graph, Number(draft.batchSize)));
  const chosen = useView((s) => s.trainPrecision);
  const precision = offered ? chosen : 'float64';
  const start = () => { if (settings) training.train(settings, endless, precision); };
  const onLive = (d: Draft) => {
    const rates = liveRates(d);
    if (Object.keys(rates).length > 0) training.setRates(rates);
  };

  return (
    <section className="bps-training" aria-label="Training">
      <div className="bps-train-left">
        <Settings draft={draft} setDraft={setDraft} errors={errors} active={active} onLive={onLive} />
        {offered ? <PrecisionChoice disabled={active} /> : null}
        <div className="bps-train-buttons">
          {/* With Epochs empty it is TensorFlow Playground's Play: it trains until paused. */}
          <button type="button" disabled={active || !settings} onClick={start}
            title={settings ? (endless ? 'Train until you pause or stop (Epochs is empty)' : undefined) : 'Fix the marked settings first'}>{endless ? 'Play' : 'Train'}</button>
          {stale
            ? <button type="button" disabled={!settings} title="Train the edited graph from the beginning; this run's progress is dropped" onClick={start}>Restart</button>
            : status === 'paused'
              ? <button type="button" onClick={() => training.resume()}>Resume</button>
              : <button type="button" disabled={status !== 'running'} onClick={() => training.pause()}>Pause</button>}
          <button type="button" disabled={!active} onClick={() => training.stop()}>Stop</button>
          <button type="button" disabled={status === 'running' || status === 'starting' || !settings}
            title="Train one mini-batch and pause: the canvas shows that batch, the table each parameter's update"
            onClick={() => { if (settings) training.stepBatch(settings, status !== 'paused' || stale, endless, precision); }}>Step batch</button>
          <button type="button" disabled={status === 'running' || status === 'starting'} title="Draw every parameter afresh from the graph's seed (Undo brings them back)"
            onClick={() => useDocument.getState().commit('re-initialise', reinitAllParams(useDocument.getState().graph))}>Reset</button>
        </div>
        {stale ? <StaleRunNotice /> : null}
        {refusal ? <p className="muted" role="status" data-testid="training-float32-refusal">float32 not used: {refusal}</p> : null}
        <BatchStepTable plainSgd={settings?.optimizer === 'sgd' && settings.momentum === 0} />
        <div className="bps-progress-row">
          <div role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={bounded ? percent : undefined}
            data-testid="training-progress" data-step={progress?.step ?? 0} data-state={status} data-precision={progress?.precision ?? 'float64'} className={bounded ? 'bps-progress' : 'bps-progress bps-progress-open'}>
            <div style={{ width: bounded ? `${percent}%` : '100%' }} />
          </div>
          <span data-testid="training-progress-text">{progressText(status, progress)}</span>
          {progress && active ? <span className="muted" data-testid="training-rates" data-lr={progress.rates.learningRate}>{ratesText(progress.rates)}</span> : null}
        </div>
        {rateChanges.length > 0 ? (
          <ul className="bps-rate-changes muted" aria-label="Rate changes during this run" data-testid="rate-changes">
            {rateChanges.slice(-4).map((c, i) => <li key={`${c.step}-${i}`}>{rateChangeText(c)}</li>)}
          </ul>
        ) : null}
        <dl className="bps-train-metrics">
          <dt>batch loss{mark}</dt><dd data-testid="metric-batch-loss">{progress?.batchLoss == null ? '—' : formatNumber(progress.batchLoss, 4)}</dd>
          <dt>train / test loss</dt><dd>{m ? `${formatNumber(m.trainLoss, 4)} / ${m.testLoss === null ? '—' : formatNumber(m.testLoss, 4)}` : '—'}</dd>
          <dt>accuracy</dt><dd data-testid="metric-accuracy">{m?.trainAccuracy == null ? '—' : `${(m.trainAccuracy * 100).toFixed(1)}%${m.testAccuracy === null ? '' : ` / ${(m.testAccuracy * 100).toFixed(1)}% test`}`}</dd>
          <dt>steps/s{mark}</dt><dd data-testid="metric-steps-per-second" data-value={wallRate} data-busy-rate={progress?.stepsPerSecond ?? 0}>{wallRate > 0 ? Math.round(wallRate).toLocaleString('en') : '—'}</dd>
        </dl>
        {error ? (
          <p className="bps-train-error" role="alert" data-testid="training-error" data-node={error.nodeId ?? ''}>
            {error.nodeId ? <strong>Node “{error.nodeId}”: </strong> : null}{error.message}
          </p>
        ) : null}
        {writeBack === 'written' ? <p className="muted" data-testid="training-writeback">Trained parameters and these settings written to the graph (Undo restores the old ones).</p> : null}
        {writeBack === 'graph-changed' ? <p className="muted" data-testid="training-writeback">The graph changed while training, so the trained parameters were not written back.</p> : null}
        {writeBack === 'not-after-failure' ? <p className="muted" data-testid="training-writeback">Training failed, so the graph keeps its parameters.</p> : null}
      </div>
      <div className="bps-train-charts">
        <TrainingCharts />
      </div>
      <DecisionBoundary />
    </section>
  );
}
