// The shared body of every node: kind, config summary, inferred output shape, named handles
// (handle id = port name), the validation error at this node and what the last run said about it (an
// input outside the module's domain, bce's clamp). Each family adds its own line.
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { formatShape, nodeInputPorts, OUTPUT_PORT, type RunDiagnostic } from '../../../engine/index.ts';
import { displayedShape } from '../../../interop/notation/node-display.ts';
import { useRun } from '../../store/run-store.ts';
import { documentIndex, useDocument } from '../../store/document-store.ts';
import { useReveal } from '../step-state.ts';
import { displayName } from '../../../interop/notation/symbols.ts';
import { nodeTitle } from '../../../interop/notation/node-text.ts';
import { wiringMarks } from '../../model/wired-part.ts';
import { MAX_NAME, renameNode } from '../../model/graph-ops.ts';
import { useView } from '../../store/view-store.ts';
import { GradcheckBadge } from '../../analysis/GradcheckBadge.tsx';
import './node-words.css';

function runNotes(diagnostics: readonly RunDiagnostic[] | undefined, id: string, severity: RunDiagnostic['severity']): string {
  return (diagnostics ?? []).filter((d) => d.nodeId === id && d.severity === severity).map((d) => d.message).join('\n');
}

export function useGraphNode(id: string) {
  return useDocument((s) => documentIndex(s).nodeById.get(id));
}

/** The node's input ports, one per line (a string, so equal ports re-render nothing). */
function useGraphNodePorts(id: string): string {
  return useDocument((s) => { const n = documentIndex(s).nodeById.get(id); return n ? nodeInputPorts(n).join('\n') : ''; });
}

/** The node's display name, edited in place: double-click it (or F2 on a selected node), Enter or a click elsewhere keeps it, Esc cancels. */
function NodeName({ id, name }: { id: string; name: string }) {
  const editing = useView((s) => s.renaming === id);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { if (editing) input.current?.select(); }, [editing]);
  const finish = (keep: boolean): void => {
    if (useView.getState().renaming !== id) return;
    useView.getState().setRenaming(null);
    const text = input.current?.value ?? name;
    if (keep) {
      const doc = useDocument.getState();
      doc.commit('rename', renameNode(doc.graph, id, text));
    }
  };
  if (editing) {
    return (
      <input ref={input} className="bps-node-rename nodrag nopan" aria-label={`Name of ${name}`} data-testid={`rename-${id}`} defaultValue={name} maxLength={MAX_NAME} autoFocus
        onBlur={() => finish(true)}
        onKeyDown={(e) => { e.stopPropagation(); if (e.key === 'Enter') finish(true); else if (e.key === 'Escape') finish(false); }} />
    );
  }
  return (
    <span className="bps-node-name" data-testid={`name-${id}`} title="double-click (or F2) to rename" onDoubleClick={(e) => { e.stopPropagation(); useView.getState().setRenaming(id); }}>{name}</span>
  );
}

export const ModuleNode = memo(function ModuleNode({ id, family, children }: { id: string; family: string; children?: ReactNode }) {
  const node = useGraphNode(id);
  const analysedShape = useDocument((s) => documentIndex(s).shapeText.get(id));
  // A string, so a run that keeps the shape re-renders nothing.
  const ranShape = useRun((s) => { const o = s.stale ? undefined : s.results?.nodes[id]?.output; return o ? formatShape(o.shape) : undefined; });
  const shape = displayedShape(analysedShape, ranShape);
  const errors = useDocument((s) => (documentIndex(s).issuesByNode.get(id) ?? []).filter((i) => i.code !== 'unconnected-port').map((i) => i.message).join('\n'));
  const unconnected = useDocument((s) => (documentIndex(s).issuesByNode.get(id) ?? []).filter((i) => i.code === 'unconnected-port').map((i) => i.port).join(', '));
  const inLoop = useDocument((s) => s.refusal?.nodeIds.includes(id) ?? false);
  // 'unwired': an input not connected yet, or fed by such a node; 'off-loss': runs, but no loss depends on it.
  const wiring = useDocument((s) => { const m = wiringMarks(s.graph, documentIndex(s).issuesByNode); return m.unwired.has(id) ? 'unwired' : m.offLoss.has(id) ? 'off-loss' : 'wired'; });
  // Strings, so a run that says the same re-renders nothing.
  const runErrors = useRun((s) => runNotes(s.stale ? undefined : s.results?.diagnostics, id, 'error'));
  const runWarnings = useRun((s) => runNotes(s.stale ? undefined : s.results?.diagnostics, id, 'warning'));
  const reveal = useReveal();
  const stepCurrent = reveal?.current?.nodeId === id;
  // A formula's ports follow its config: one string, so React Flow re-measures the handles when they change.
  const portList = useGraphNodePorts(id);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [id, portList, updateNodeInternals]);
  if (!node) return null;
  const { label, summary } = nodeTitle(node.kind, node.config);
  const inputs = portList ? portList.split('\n') : [];
  const classes = ['bps-node', `family-${family}`, errors || runErrors ? 'has-error' : '', runWarnings ? 'has-warning' : '', inLoop ? 'in-loop' : '', wiring === 'unwired' ? 'not-wired' : '', stepCurrent ? `step-current step-${reveal?.current?.phase}` : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${id}`} data-kind={node.kind}>
      <div className="bps-node-head">
        <NodeName id={id} name={displayName(node)} />
        <span className="bps-node-title">{label}{summary ? ` ${summary}` : ''}</span>
      </div>
      <div className="bps-node-ports">
        <div className="bps-node-inputs">
          {inputs.map((port) => (
            <div key={port} className="bps-port bps-port-in">
              <Handle type="target" position={Position.Left} id={port} data-testid={`handle-${id}-${port}`} className="bps-handle" />
              <span>{port}</span>
            </div>
          ))}
        </div>
        <div className="bps-node-outputs">
          <div className="bps-port bps-port-out">
            <span>{OUTPUT_PORT}</span>
            <Handle type="source" position={Position.Right} id={OUTPUT_PORT} data-testid={`handle-${id}-${OUTPUT_PORT}`} className="bps-handle" />
          </div>
        </div>
      </div>
      <div className="bps-node-shape"><span data-testid={`shape-${id}`} title="output shape [batch, features]">{shape ?? '?'}</span>{node.name !== undefined ? <span className="bps-node-id" title="id (stable: edges and files refer to it)">{id}</span> : null}</div>
      {children}
      <GradcheckBadge nodeId={id} />
      {wiring === 'unwired' && !errors ? (
        // Short lines, so the mark does not widen the node and push its neighbours around.
        <div className="bps-node-unwired" role="note" data-testid={`unwired-${id}`}
          title={unconnected ? `input ${unconnected} is not connected: this node and what it feeds are left out of runs and training until it is` : 'fed by a node that is not wired yet: left out of runs and training until that is wired'}>
          not wired yet{unconnected ? <><br />connect: {unconnected}</> : null}
        </div>
      ) : null}
      {wiring === 'off-loss' && !errors ? <div className="bps-node-hint" data-testid={`off-loss-${id}`} title="no loss depends on it: it runs, but training does not change it">not connected<br />to a loss</div> : null}
      {errors ? <div className="bps-node-error" role="alert" data-testid={`error-${id}`}>{errors}</div> : null}
      {runErrors && !errors ? <div className="bps-node-error" role="alert" data-testid={`run-error-${id}`}>{runErrors}</div> : null}
      {runWarnings && !errors ? <div className="bps-node-warning" role="note" data-testid={`warning-${id}`}>⚠ {runWarnings}</div> : null}
    </div>
  );
});
