// The inspector of a composite module's instance (issue 13.4): its module, ports and inner nodes, and
// the definition's own settings. A change of the definition ("Shared weights") is one undoable edit
// that every instance of the module follows; Ungroup puts this instance's inside back on the canvas.
import { formatShape, instanceModule, instancePorts, isInstance, isModuleKind, moduleOf, own, type GraphIssue, type GraphNode } from '../../engine/index.ts';
import { innerNodes, setInnerConfig, setModuleShared } from '../model/composite-ops.ts';
import { configFields } from '../model/config-fields.ts';
import { ConfigInput } from './config-inputs.tsx';
import { displayName } from '../../interop/notation/symbols.ts';
import { documentIndex, useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';

const NO_ISSUES: readonly GraphIssue[] = [];

/** An inner node's config with the module's defaults filled in (as the form shows it). */
function configOf(n: GraphNode): Record<string, unknown> {
  if (!isModuleKind(n.kind)) return {};
  try { return moduleOf(n.kind).parseConfig(n.config ?? {}) as Record<string, unknown>; } catch { return n.config ?? {}; }
}

export function InstanceInspector({ node }: { node: GraphNode }) {
  const graph = useDocument((s) => s.graph);
  const issues = useDocument((s) => documentIndex(s).issuesByNode.get(node.id) ?? NO_ISSUES);
  const name = instanceModule(node) ?? '';
  const def = own(graph.modules, name);
  const ports = instancePorts(graph, node);
  const users = graph.nodes.filter((n) => isInstance(n) && instanceModule(n) === name).length;
  const inner = innerNodes(graph, node.id);
  const setShared = (shared: boolean): void => {
    const doc = useDocument.getState();
    doc.commit('edit module', setModuleShared(doc.graph, name, shared));
  };
  return (
    <div className="node-inspector" data-testid="instance-inspector">
      <h2>{displayName(node)} <code>{node.id}</code></h2>
      <p>Module <strong data-testid="instance-module">{name}</strong>{users > 1 ? <span className="muted"> · {users} instances use it</span> : null}</p>
      {issues.length ? <ul className="inspector-issues">{issues.map((i) => <li key={i.message}>{i.message}</li>)}</ul> : null}
      {def ? (
        <>
          <p className="muted">inputs: {ports.inputs.join(', ') || 'none'} · outputs: {ports.outputs.join(', ') || 'none'}</p>
          <section>
            <h3>Definition</h3>
            <label className="field" title="every instance uses one set of parameters, stored with the module; its gradient is the sum over every use">
              <span>Shared weights</span>
              <input type="checkbox" data-testid="module-shared" checked={def.shared} onChange={(e) => setShared(e.target.checked)} />
            </label>
            <p className="muted">{def.shared ? `One set of parameters for all ${users} instance${users === 1 ? '' : 's'} (gradients summed over the uses).` : 'Each instance has its own parameters.'}</p>
          </section>
          <section>
            <h3>Edit the inside</h3>
            <p className="muted">A change here is a change of module {name}: {users > 1 ? `all ${users} instances follow` : 'every instance follows'} (undoable).</p>
            {def.nodes.filter((n) => configFields(n.kind).length > 0).map((n) => (
              <details key={n.id} className="bps-inner-config" data-testid={`inner-config-${n.id}`}>
                <summary>{n.id} · {n.kind}</summary>
                {configFields(n.kind).map((f) => (
                  <ConfigInput key={f.key} field={f} value={configOf(n)[f.key]} testId={`inner-config-${n.id}-${f.key}`}
                    onCommit={(v) => { const doc = useDocument.getState(); doc.commit('edit module', setInnerConfig(doc.graph, name, n.id, { [f.key]: v })); }} />
                ))}
              </details>
            ))}
          </section>
          <section>
            <h3>Inside</h3>
            <ul className="bps-inside" data-testid="instance-inner-nodes">
              {inner.map((n) => <li key={n.id}><code>{n.id}</code> · {n.kind}{n.params ? ` (${Object.entries(n.params).map(([p, t]) => `${p} ${formatShape(t.shape)}`).join(', ')})` : ''}</li>)}
            </ul>
          </section>
          <button type="button" data-testid="inspector-open-inside" title="show the inside on the canvas (or double-click the instance)" onClick={() => useView.getState().openInside(node.id)}>Open</button>
          <button type="button" data-testid="inspector-ungroup" onClick={() => { const doc = useDocument.getState(); doc.select([node.id], []); doc.ungroupSelection(); }}>Ungroup</button>
        </>
      ) : null}
    </div>
  );
}
