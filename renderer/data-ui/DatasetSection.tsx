// Inspector section of an input or target node: its fixed value or the dataset it is bound to, with
// "Bind to dataset…", "Import CSV…" and "Unbind". Every change is one undoable commit.
import { useState, type ReactNode } from 'react';
import { bundledDatasets, bundledInfo, datasetSize, datasetWidths, type BundledName, type DatasetBinding, type DatasetSpec, type Graph, type GraphNode } from '../../engine/index.ts';
import { useDocument } from '../store/document-store.ts';
import { followWiring } from '../model/graph-ops.ts';
import {
  bindToDataset, bindToNewDataset, boundTo, defaultField, fieldWidth, fitBoundSizes, isDataKind, nodeSize,
  replaceDataset, setBindingField, sizeMismatches, specOf, unbindDataset, type BindOptions, type DataField, type DataKind,
} from './bind.ts';
import { CsvImport } from './CsvImport.tsx';
import { predictionWidth } from './csv-choice.ts';
import { GeneratedForm } from './GeneratedForm.tsx';
import { DEFAULT_FIELDS, fieldsOf, sameSpec, validateFields, type GeneratedFields } from './generated-form.ts';
import './data-ui.css';

const doc = (): Graph => useDocument.getState().graph;
/** Choice values of the bundled datasets (a dataset name in the graph cannot collide: it is listed first and wins). */
const BUNDLED = 'bundled:';
// Binding fixes the data nodes' sizes; the linear layers they feed follow (issue 10.11).
const commit = (next: Graph): void => useDocument.getState().commit('bind dataset', followWiring(next));

export function DatasetSection({ nodeId }: { nodeId: string }) {
  const node = useDocument((s) => s.graph.nodes.find((n) => n.id === nodeId));
  // Re-render when any dataset or binding changes (another node may share this one's dataset).
  useDocument((s) => s.graph.datasets);
  // A string (compared by value), so dragging nodes around does not re-render the section.
  useDocument((s) => s.graph.nodes.filter((n) => isDataKind(n.kind)).map((n) => JSON.stringify([n.id, n.binding, n.config, n.value?.shape])).join('|'));
  if (!node || !isDataKind(node.kind)) return null;
  const binding = node.binding as DatasetBinding | undefined;
  return (
    <section className="bps-dataset" data-testid="dataset-section" data-bound={binding?.dataset ?? ''}>
      <h3>Data source</h3>
      {binding ? <Bound key={binding.dataset} node={node} kind={node.kind} binding={binding} /> : <Unbound node={node} kind={node.kind} />}
    </section>
  );
}

function Unbound({ node, kind }: { node: GraphNode; kind: DataKind }) {
  const [panel, setPanel] = useState<'none' | 'bind' | 'csv'>('none');
  const [field, setField] = useState<DataField>(defaultField(kind));
  const [checks, setChecks] = useState({ fitSize: true, bindOthers: true });
  const options: BindOptions = { field, ...checks };
  const graph = doc();
  const names = Object.keys((graph.datasets as Record<string, unknown> | undefined) ?? {});
  const value = node.value;
  const bindOptions = (spec: DatasetSpec | null) => <BindChecks kind={kind} node={node} field={field} setField={setField} checks={checks} setChecks={setChecks} spec={spec} />;
  return (
    <>
      <p data-testid="dataset-fixed">Fixed value {value ? <span className="muted">[{value.shape.join(', ')}]</span> : <span className="muted">(none)</span>}</p>
      {panel === 'none' ? (
        <div className="bps-dataset-actions">
          <button type="button" data-testid="dataset-bind-open" onClick={() => setPanel('bind')}>Bind to dataset…</button>
          <button type="button" data-testid="dataset-csv-open" onClick={() => setPanel('csv')}>Import CSV…</button>
        </div>
      ) : null}
      {panel === 'bind' ? <BindPanel node={node} names={names} options={options} renderChecks={bindOptions} onDone={() => setPanel('none')} /> : null}
      {panel === 'csv' ? (
        <CsvImport predictionWidth={predictionWidth(graph)} onCancel={() => setPanel('none')} onImport={(spec) => { setPanel('none'); commit(bindToNewDataset(doc(), node.id, spec, options).graph); }}>
          {bindOptions(null)}
        </CsvImport>
      ) : null}
    </>
  );
}

function BindPanel({ node, names, options, renderChecks, onDone }: {
  node: GraphNode; names: string[]; options: BindOptions; renderChecks: (spec: DatasetSpec | null) => ReactNode; onDone(): void;
}) {
  // An existing dataset first: binding the second data node of a graph usually joins the first one's.
  const [choice, setChoice] = useState<string>(names[0] ?? '');
  const [fields, setFields] = useState<GeneratedFields>(DEFAULT_FIELDS);
  const { spec: newSpec } = validateFields(fields);
  const bundled = choice.startsWith(BUNDLED) ? (choice.slice(BUNDLED.length) as BundledName) : null;
  let spec: DatasetSpec | null = newSpec;
  if (bundled) spec = { source: 'bundled', name: bundled, seed: 1, testFraction: 0.2 };
  else if (choice !== '') { try { spec = specOf(doc(), choice); } catch { spec = null; } }
  const bind = (): void => {
    if (!spec) return;
    commit(choice === '' || bundled ? bindToNewDataset(doc(), node.id, spec, options).graph : bindToDataset(doc(), node.id, choice, options));
    onDone();
  };
  return (
    <div className="bps-dataset-panel" data-testid="dataset-bind-panel">
      <label className="field"><span>dataset</span>
        <select aria-label="Dataset" data-testid="dataset-choice" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          {names.map((n) => <option key={n} value={n}>{n} (in this graph)</option>)}
          <option value="">a new generated one…</option>
          {bundledDatasets.map((b) => <option key={b} value={`${BUNDLED}${b}`}>{`${b}: real data, ${bundledInfo[b].description}`}</option>)}
        </select>
      </label>
      {choice === '' ? <GeneratedForm fields={fields} onChange={(f) => setFields(f)} /> : <p className="muted bps-dataset-note">{spec ? describe(spec) : 'this dataset is invalid'}</p>}
      {renderChecks(spec)}
      <div className="bps-dataset-actions">
        <button type="button" data-testid="dataset-bind" disabled={!spec} onClick={bind}>Bind</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </div>
  );
}

function BindChecks({ kind, node, field, setField, checks, setChecks, spec }: {
  kind: DataKind; node: GraphNode; field: DataField; setField(f: DataField): void;
  checks: { fitSize: boolean; bindOthers: boolean }; setChecks(c: { fitSize: boolean; bindOthers: boolean }): void; spec: DatasetSpec | null;
}) {
  const others = doc().nodes.filter((n) => n.id !== node.id && isDataKind(n.kind) && n.binding === undefined);
  const width = spec ? fieldWidth(spec, field) : null;
  return (
    <>
      <FieldSelect kind={kind} field={field} onChange={setField} />
      <label className="bps-dataset-check">
        <input type="checkbox" data-testid="dataset-fit-size" checked={checks.fitSize} onChange={(e) => setChecks({ ...checks, fitSize: e.currentTarget.checked })} />
        match the size to the dataset{width === null ? '' : nodeSize(node) === width ? ` (${node.id} already has ${width})` : ` (${node.id}: ${nodeSize(node) ?? '?'} → ${width})`}
      </label>
      {others.length ? (
        <label className="bps-dataset-check">
          <input type="checkbox" data-testid="dataset-bind-others" checked={checks.bindOthers} onChange={(e) => setChecks({ ...checks, bindOthers: e.currentTarget.checked })} />
          also bind {others.map((n) => n.id).join(', ')} (training reads every input and target from one dataset)
        </label>
      ) : null}
    </>
  );
}

function FieldSelect({ kind, field, onChange }: { kind: DataKind; field: DataField; onChange(f: DataField): void }) {
  return (
    <>
      <label className="field"><span>takes</span>
        <select aria-label="Field" data-testid="dataset-field" value={field} onChange={(e) => onChange(e.currentTarget.value as DataField)}>
          <option value="features">features</option>
          <option value="labels">labels</option>
        </select>
      </label>
      {field !== defaultField(kind) ? <em className="bps-dataset-warn">Training reads an {kind}&apos;s {defaultField(kind)}.</em> : null}
    </>
  );
}

function Bound({ node, kind, binding }: { node: GraphNode; kind: DataKind; binding: DatasetBinding }) {
  const [panel, setPanel] = useState<'none' | 'csv'>('none');
  const [fitOnImport, setFitOnImport] = useState(true);
  const graph = doc();
  let spec: DatasetSpec | null = null, problem: string | null = null;
  try { spec = specOf(graph, binding.dataset); } catch (e) { problem = (e as Error).message; }
  const shared = boundTo(graph, binding.dataset).filter((n) => n.id !== node.id);
  const unboundOthers = graph.nodes.filter((n) => isDataKind(n.kind) && n.binding === undefined);
  const mismatches = spec ? sizeMismatches(graph, binding.dataset) : [];
  return (
    <>
      <p data-testid="dataset-bound">
        Bound to <code>{binding.dataset}</code>
        {shared.length ? <span className="muted"> (with {shared.map((n) => `${n.id}: ${(n.binding as DatasetBinding).field}`).join(', ')})</span> : null}
      </p>
      <FieldSelect kind={kind} field={binding.field} onChange={(f) => commit(setBindingField(doc(), node.id, f))} />
      {problem ? <p role="alert" className="bps-dataset-error">{problem}</p> : null}
      {spec ? <p className="muted bps-dataset-note" data-testid="dataset-summary">{describe(spec)}</p> : null}
      {spec?.source === 'generated' ? <LiveGenerated name={binding.dataset} spec={spec} /> : null}
      {mismatches.length ? (
        <div className="bps-dataset-warn" data-testid="dataset-size-mismatch">
          {mismatches.map((m) => `${m.nodeId} has size ${m.size ?? '?'} but receives ${m.width} ${m.field === 'features' ? 'feature' : 'label'} column${m.width === 1 ? '' : 's'}`).join('; ')}.{' '}
          <button type="button" data-testid="dataset-fit-sizes" onClick={() => commit(fitBoundSizes(doc(), binding.dataset))}>
            Set {mismatches.length === 1 ? 'size' : 'sizes'} to match
          </button>
        </div>
      ) : null}
      {unboundOthers.length ? (
        <div className="bps-dataset-warn">
          {unboundOthers.map((n) => n.id).join(', ')} {unboundOthers.length === 1 ? 'is' : 'are'} not bound: the canvas and training need every input and target bound to one dataset.{' '}
          <button type="button" data-testid="dataset-bind-rest" onClick={() => commit(bindRest(doc(), binding.dataset))}>Bind {unboundOthers.length === 1 ? 'it' : 'them'} too</button>
        </div>
      ) : null}
      {panel === 'none' ? (
        <div className="bps-dataset-actions">
          <button type="button" data-testid="dataset-csv-open" onClick={() => setPanel('csv')}>Import CSV…</button>
          <button type="button" data-testid="dataset-unbind" title={shared.length ? `also unbinds ${shared.map((n) => n.id).join(', ')}: a graph trains on one dataset or none` : undefined}
            onClick={() => commit(unbindDataset(doc(), node.id))}>Unbind{shared.length ? ` (with ${shared.map((n) => n.id).join(', ')})` : ''}</button>
        </div>
      ) : (
        <CsvImport predictionWidth={predictionWidth(doc())} onCancel={() => setPanel('none')} onImport={(csv) => { setPanel('none'); commit(replaceDataset(doc(), binding.dataset, csv, fitOnImport)); }}>
          <label className="bps-dataset-check">
            <input type="checkbox" data-testid="dataset-fit-size" checked={fitOnImport} onChange={(e) => setFitOnImport(e.currentTarget.checked)} />
            set the sizes of the bound nodes to the new widths
          </label>
        </CsvImport>
      )}
    </>
  );
}

/** The bound generated dataset's recipe: a valid change is applied when a field is left or a select changes. */
function LiveGenerated({ name, spec }: { name: string; spec: DatasetSpec & { source: 'generated' } }) {
  const initial = fieldsOf(spec);
  const key = JSON.stringify(initial);
  const [fields, setFields] = useState(initial);
  const [synced, setSynced] = useState(key);
  // Undo, redo or another node's edit changed the recipe: show the document's values again.
  if (synced !== key) { setSynced(key); setFields(initial); }
  return (
    <GeneratedForm fields={fields} onChange={(next, apply) => {
      setFields(next);
      if (!apply) return;
      const { spec: valid } = validateFields(next);
      if (valid && !sameSpec(valid, spec)) commit(replaceDataset(doc(), name, valid));
    }} />
  );
}

function bindRest(graph: Graph, name: string): Graph {
  let next = graph;
  for (const n of graph.nodes) {
    if (isDataKind(n.kind) && n.binding === undefined) next = bindToDataset(next, n.id, name, { field: defaultField(n.kind), fitSize: true, bindOthers: false });
  }
  return next;
}

/** "moons · 400 samples (300 train, 100 test) · 2 features → 2 label columns". */
export function describe(spec: DatasetSpec): string {
  const w = datasetWidths(spec);
  const what = spec.source === 'generated' ? spec.generator
    : spec.source === 'bundled' ? `${spec.name} (${bundledInfo[spec.name].source})`
    : `CSV: ${spec.featureNames.join(', ')} → ${spec.task === 'classification' ? `classes ${spec.labelNames.join(', ')}` : spec.labelNames.join(', ')}`;
  const n = datasetSize(spec);
  // The engine's split: round(n · testFraction) test samples, at least one left for training.
  const test = Math.min(Math.round(n * spec.testFraction), n - 1);
  const split = ` (${n - test} train, ${test} test)`;
  return `${what} · ${n} samples${split} · ${w.features} feature${w.features === 1 ? '' : 's'}, ${w.labels} label column${w.labels === 1 ? '' : 's'}`;
}
