// The right-hand panel: config, parameters (with their gradients) and data of the selected node,
// or the full tensors of the selected edge.
import { memo, useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { isModuleKind, moduleOf, tensor, type GraphIssue, type GraphNode, type NodeResult, type Tensor } from '../../engine/index.ts';
import { configFields, type ConfigField } from '../model/config-fields.ts';
import { CONFIG_EDITORS } from './config-editors.ts';
import * as ops from '../model/graph-ops.ts';
import { lossFormula } from '../model/loss-formula.ts';
import { displayName, gradText, nodeSymbols } from '../../interop/notation/symbols.ts';
import { documentIndex, useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useReveal } from '../canvas/step-state.ts';
import { Heatmap } from '../math/Heatmap.tsx';
import { Formula } from './Formula.tsx';
import { DatasetSection } from '../data-ui/DatasetSection.tsx';
import { MatrixEditor } from './MatrixEditor.tsx';
import { TensorTable } from './TensorDetails.tsx';
import './inspector-words.css';

const MAX_SIZE = 512;
const NO_ISSUES: readonly GraphIssue[] = [];

export function Inspector() {
  const selectedNodes = useDocument((s) => s.selectedNodes);
  const selectedEdges = useDocument((s) => s.selectedEdges);
  const node = useDocument((s) => (s.selectedNodes.length === 1 ? documentIndex(s).nodeById.get(s.selectedNodes[0]!) : undefined));
  let body: ReactNode;
  if (node) body = <NodeInspector key={node.id} node={node} />;
  else if (selectedNodes.length === 0 && selectedEdges.length === 1) body = <EdgeInspector id={selectedEdges[0]!} />;
  else if (selectedNodes.length > 1) body = <p className="muted">{selectedNodes.length} nodes selected. Ctrl+C copies them with the edges among them.</p>;
  else body = <p className="muted">Select a node to edit it, or an edge to see its tensors.</p>;
  return <aside className="bps-inspector" data-testid="inspector" aria-label="Inspector">{body}</aside>;
}

function IntField({ label, value, onCommit, testId }: { label: string; value: number; onCommit: (n: number) => void; testId: string }) {
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
function ConfigInput({ field: f, value, onCommit }: { field: ConfigField; value: unknown; onCommit: (v: unknown) => void }) {
  const testId = `config-${f.key}`;
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
function TextField({ label, value, testId, valid, onCommit }: { label: string; value: string; testId: string; valid: (t: string) => boolean; onCommit: (t: string) => void }) {
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

function NodeInspector({ node }: { node: GraphNode }) {
  const commit = useDocument((s) => s.commit);
  const graph = () => useDocument.getState().graph;
  // Deferred: a run's new numbers reach the canvas labels first; the inspector's tables (hundreds of
  // cells to lay out) follow in a separate, interruptible render instead of the same long frame.
  const nodeResult = useDeferredValue(useRun((s) => s.results?.nodes[node.id]));
  // Step mode shows only what has been computed so far (issue 10.10): the output from the node's
  // forward step on, the gradients from its backward step on.
  const reveal = useReveal();
  const outputShown = !reveal || reveal.computed.has(node.id);
  const gradShown = !reveal || reveal.backpropagated.has(node.id);
  const stale = useDeferredValue(useRun((s) => s.stale));
  const issues = useDocument((s) => documentIndex(s).issuesByNode.get(node.id) ?? NO_ISSUES);
  const [seed, setSeed] = useState(String(useDocument.getState().graph.seed ?? 0));
  // Stable per node, so the memoised editors skip re-rendering when only the results change.
  const commitValue = useCallback((i: number, x: number) => commit('edit value', ops.setTensorEntry(useDocument.getState().graph, node.id, 'value', i, x)), [commit, node.id]);
  const commitParam = useMemo(() => {
    const byName = new Map<string, (i: number, x: number) => void>();
    return (name: string) => {
      let f = byName.get(name);
      if (!f) byName.set(name, f = (i, x) => commit('edit parameter', ops.setTensorEntry(useDocument.getState().graph, node.id, { param: name }, i, x)));
      return f;
    };
  }, [commit, node.id]);
  if (!isModuleKind(node.kind)) return <p>Unknown kind {node.kind}</p>;
  const def = moduleOf(node.kind);
  let config: Record<string, unknown> = {};
  try { config = def.parseConfig(node.config ?? {}) as Record<string, unknown>; } catch { /* shown as an issue */ }
  // Layers below follow a changed size (a linear's `in` is what is wired into it); this node keeps what was typed.
  const setConfig = (patch: Record<string, unknown>): void => commit('edit config', ops.followWiring(ops.setConfig(graph(), node.id, patch), { except: node.id }));
  const paramNames = Object.keys(node.params ?? {});
  // A linear layer's `in` is set by what is wired into it (issue 10.11): say where it comes from.
  const inEdge = node.kind === 'linear' ? useDocument.getState().graph.edges.find((e) => e.target === node.id && e.targetPort === 'in') : undefined;
  const feeder = inEdge ? nodeSymbols(useDocument.getState().graph, inEdge.source).name : null;
  const symbols = nodeSymbols(useDocument.getState().graph, node.id);
  const fields = configFields(node.kind);
  const Editor = CONFIG_EDITORS[node.kind];

  return (
    <div className="node-inspector">
      <h2>{def.label} <code>{node.id}</code></h2>
      <label className="field">
        <span>name</span>
        <input key={node.name ?? node.id} data-testid="inspector-name" defaultValue={displayName(node)} maxLength={ops.MAX_NAME}
          title="the name shown on the node and in Step mode (the id stays the same)"
          onBlur={(e) => commit('rename', ops.renameNode(graph(), node.id, e.currentTarget.value))}
          onKeyDown={(e) => { if (e.key === 'Enter') commit('rename', ops.renameNode(graph(), node.id, e.currentTarget.value)); }} />
      </label>
      <p className="formula-line"><Formula tex={def.isLoss && (config.reduction === 'mean' || config.reduction === 'sum') ? lossFormula(def.formula, config.reduction) : def.formula} /></p>
      {issues.length ? <ul className="inspector-issues">{issues.map((i) => <li key={i.message}>{i.message}</li>)}</ul> : null}
      <section>
        <h3>Config</h3>
        {Editor ? <Editor node={node} /> : fields.map((f) => <ConfigInput key={f.key} field={f} value={config[f.key]} onCommit={(v) => setConfig({ [f.key]: v })} />)}
        {feeder ? <p className="muted" data-testid="config-in-follows">in follows what is wired into it: {feeder}.</p> : null}
        {def.family === 'data' ? (
          node.binding === undefined
            ? <IntField label="batch" value={node.value?.shape[0] ?? 1} testId="config-batch" onCommit={(n) => commit('edit config', ops.setBatch(graph(), n))} />
            : <p className="muted">Batch: set by the dataset (mini-batches when training).</p>
        ) : null}
        {fields.length === 0 && !Editor && def.family !== 'data' ? <p className="muted">No settings.</p> : null}
      </section>
      {def.family === 'data' ? <DatasetSection nodeId={node.id} /> : null}
      {def.family === 'data' && node.value && node.binding === undefined ? (
        <section>
          <h3>{def.label} data <span className="muted">[{node.value.shape.join(', ')}]</span></h3>
          <MatrixEditor t={node.value} testId={`value-${node.id}`} label={`${node.id} value`} onCommit={commitValue} />
        </section>
      ) : null}
      {paramNames.length ? (
        <section>
          <h3>Parameters</h3>
          {paramNames.map((name) => {
            const t = node.params![name]!;
            const g = gradShown ? nodeResult?.params[name]?.grad : undefined;
            const rows = t.shape.length === 2 ? t.shape[0]! : 1, cols = t.shape.length === 2 ? t.shape[1]! : t.data.length;
            return (
              <div key={name} className="param-block">
                <div className="param-name">{symbols.params[name]?.text ?? name} <span className="muted">({name}) [{t.shape.join(', ')}]</span></div>
                <div className="param-pair">
                  <MatrixEditor t={t} testId={`param-${node.id}-${name}`} label={`${node.id} ${name}`} onCommit={commitParam(name)} />
                  {g && g.data.length === t.data.length ? <ParamGrad g={g} nodeId={node.id} name={name} symbol={symbols.params[name]?.text ?? name} rows={rows} cols={cols} stale={stale} /> : null}
                </div>
              </div>
            );
          })}
          <Reinit nodeId={node.id} seed={seed} setSeed={setSeed} />
        </section>
      ) : null}
      {nodeResult && outputShown ? <NodeOutput result={nodeResult} stale={stale} symbol={symbols.out.text} gradShown={gradShown} /> : null}
      {nodeResult && !outputShown ? <p className="muted" data-testid="inspector-not-yet">Step mode: {symbols.out.text} is computed at this node's forward step.</p> : null}
    </div>
  );
}

/**
 * Re-initialise draws fresh parameters from a seed. Weights that are not the node's initial draw
 * (set by hand, or trained) are replaced only after a confirmation; either way it says that Ctrl+Z
 * brings the previous weights back (issue 10.14).
 */
function Reinit({ nodeId, seed, setSeed }: { nodeId: string; seed: string; setSeed: (s: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState(false);
  const valid = /^\d+$/.test(seed);
  const replace = (): void => {
    const doc = useDocument.getState();
    doc.commit('re-initialise', ops.reinitParams(doc.graph, nodeId, Number(seed)));
    setAsking(false);
    setDone(true);
  };
  const start = (): void => {
    setDone(false);
    if (ops.paramsAreDrawn(useDocument.getState().graph, nodeId)) replace();
    else setAsking(true);
  };
  return (
    <div className="reinit">
      <label className="field"><span>seed</span><input value={seed} data-testid="reinit-seed" onChange={(e) => setSeed(e.target.value)} aria-invalid={!valid} /></label>
      <button type="button" disabled={!valid || asking} onClick={start}>Re-initialise</button>
      {asking ? (
        <div className="reinit-confirm" role="alertdialog" aria-label="Replace the weights?" data-testid="reinit-confirm">
          <p>These weights were set by hand or by training. Replace them with a fresh draw from seed {seed}? Undo (Ctrl+Z) brings them back.</p>
          <button type="button" onClick={replace}>Replace weights</button>
          <button type="button" onClick={() => setAsking(false)}>Keep them</button>
        </div>
      ) : null}
      {done ? <p className="muted" role="status" data-testid="reinit-done">Re-initialised from seed {seed}. Undo (Ctrl+Z) restores the previous weights.</p> : null}
    </div>
  );
}

// The result views re-render only when a run brings new tensors (or marks them stale), not on edits.
const ParamGrad = memo(function ParamGrad({ g, nodeId, name, symbol, rows, cols, stale }: { g: Tensor; nodeId: string; name: string; symbol: string; rows: number; cols: number; stale: boolean }) {
  return (
    <div className={`param-grad${stale ? ' stale' : ''}`} data-testid={`grad-${nodeId}-${name}`} data-grad={JSON.stringify({ shape: [...g.shape], data: Array.from(g.data) })}>
      <TensorTable t={tensor(g.shape, g.data)} title={gradText(symbol)} layout="param" />
      <div className="heatmap-box" style={{ width: Math.min(240, cols * 18) }}><Heatmap rows={rows} cols={cols} data={g.data} label={gradText(symbol)} /></div>
    </div>
  );
});

const NodeOutput = memo(function NodeOutput({ result, stale, symbol, gradShown }: { result: NodeResult; stale: boolean; symbol: string; gradShown: boolean }) {
  return (
    <section className={stale ? 'stale' : ''}>
      <h3>Output {symbol}</h3>
      <TensorTable t={result.output} title={`${symbol} (value)`} />
      {gradShown ? <TensorTable t={result.grad} title={gradText(symbol)} /> : <p className="muted">{gradText(symbol)}: at this node's backward step.</p>}
    </section>
  );
});

function EdgeInspector({ id }: { id: string }) {
  const edge = useDocument((s) => s.graph.edges.find((e) => e.id === id));
  const result = useRun((s) => s.results?.edges[id]);
  const graph = useDocument((s) => s.graph);
  // Step mode: the value from its source's forward step on, the gradient from its target's backward step on.
  const reveal = useReveal();
  if (!edge) return null;
  const from = nodeSymbols(graph, edge.source), to = nodeSymbols(graph, edge.target);
  return (
    <div className="edge-inspector" data-testid={`edge-inspector-${id}`}>
      <h2>Edge {from.name} → {to.name}.{edge.targetPort}</h2>
      {result ? (
        <>
          {!reveal || reveal.values.has(id) ? <TensorTable t={result.value} title={`${from.out.text} (value, forward)`} /> : <p className="muted">{from.out.text}: at {from.name}'s forward step.</p>}
          {!reveal || reveal.grads.has(id) ? <TensorTable t={result.grad} title={`${gradText(from.out)} into ${to.name}.${edge.targetPort} (gradient)`} /> : <p className="muted">{gradText(from.out)}: at {to.name}'s backward step.</p>}
        </>
      ) : <p className="muted">No results yet.</p>}
    </div>
  );
}
