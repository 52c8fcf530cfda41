// The inspector of a composite module's instance (issue 13.4): its module, ports and inner nodes, and
// the definition's own settings. A change of the definition ("Shared weights") is one undoable edit
// that every instance of the module follows; Ungroup puts this instance's inside back on the canvas.
import { instanceModule, instancePorts, isInstance, own, formatShape, type GraphIssue, type GraphNode } from '../../engine/index.ts';
import { innerNodes, setModuleShared } from '../model/composite-ops.ts';
import { displayName } from '../model/symbols.ts';
import { documentIndex, useDocument } from '../store/document-store.ts';

const NO_ISSUES: readonly GraphIssue[] = [];

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
            <h3>Inside</h3>
            <ul className="bps-inside" data-testid="instance-inner-nodes">
              {inner.map((n) => <li key={n.id}><code>{n.id}</code> · {n.kind}{n.params ? ` (${Object.entries(n.params).map(([p, t]) => `${p} ${formatShape(t.shape)}`).join(', ')})` : ''}</li>)}
            </ul>
          </section>
          <button type="button" data-testid="inspector-ungroup" onClick={() => { const doc = useDocument.getState(); doc.select([node.id], []); doc.ungroupSelection(); }}>Ungroup</button>
        </>
      ) : null}
    </div>
  );
}
