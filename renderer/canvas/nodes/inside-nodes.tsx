// The nodes of an opened module's inside (issue 13.4): each inner node read-only, with the value its
// flat id ("m1/fc") computed in the last run, and the boundary's port markers named by the module's ports.
// Not the outer ModuleNode: that one reads and edits the document's top-level node of its id.
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { formatShape, instanceModule, type GraphNode } from '../../../engine/index.ts';
import { summarizeTensor } from '../../../interop/notation/format.ts';
import { displayedShape } from '../../../interop/notation/node-display.ts';
import { nodeTitle } from '../../../interop/notation/node-text.ts';
import { displayName } from '../../../interop/notation/symbols.ts';
import { MARKER_HANDLE, type PortMarker } from '../../model/inside-view.ts';
import { documentIndex, useDocument } from '../../store/document-store.ts';
import { useRun } from '../../store/run-store.ts';
import { useView } from '../../store/view-store.ts';

export type InnerNodeData = { node: GraphNode; family: string; inputs: readonly string[]; outputs: readonly string[]; instance: boolean };
export type MarkerNodeData = { side: PortMarker['side']; port: string };
export type InsideFlowNode = Node<InnerNodeData, 'inner'> | Node<MarkerNodeData, 'marker'>;

const InnerNode = memo(function InnerNode({ id, data }: NodeProps<Node<InnerNodeData, 'inner'>>) {
  // Strings, so a run that leaves them alone re-renders nothing.
  const value = useRun((s) => { const o = s.stale ? undefined : s.results?.nodes[id]?.output; return o ? summarizeTensor(o, 3).replace(/-/g, '−') : ''; });
  const ranShape = useRun((s) => { const o = s.stale ? undefined : s.results?.nodes[id]?.output; return o ? formatShape(o.shape) : undefined; });
  const shape = displayedShape(useDocument((s) => documentIndex(s).shapeText.get(id)), ranShape);
  // The analysis names inner nodes by flat id; the outer canvas shows these on the instance.
  const errors = useDocument((s) => documentIndex(s).analysis.issues.filter((i) => i.nodeId === id).map((i) => i.message).join('\n'));
  const { node, instance } = data;
  const { label, summary } = instance ? { label: `module ${instanceModule(node) ?? ''}`, summary: '' } : nodeTitle(node.kind, node.config);
  return (
    <div className={`bps-node family-${data.family} bps-inner-node${errors ? ' has-error' : ''}`} data-testid={`inner-node-${id}`} data-kind={node.kind}>
      <div className="bps-node-head">
        <span className="bps-node-name">{displayName(node)}</span>
        <span className="bps-node-title">{label}{summary ? ` ${summary}` : ''}</span>
      </div>
      <div className="bps-node-ports">
        <div className="bps-node-inputs">
          {data.inputs.map((port) => (
            <div key={port} className="bps-port bps-port-in">
              <Handle type="target" position={Position.Left} id={port} isConnectable={false} className="bps-handle" />
              <span>{port}</span>
            </div>
          ))}
        </div>
        <div className="bps-node-outputs">
          {data.outputs.map((port) => (
            <div key={port} className="bps-port bps-port-out">
              <span>{port}</span>
              <Handle type="source" position={Position.Right} id={port} isConnectable={false} className="bps-handle" />
            </div>
          ))}
        </div>
      </div>
      <div className="bps-node-shape"><span title="output shape [batch, features]">{shape ?? '?'}</span></div>
      {errors ? <div className="bps-node-error" role="alert" data-testid={`inner-error-${id}`}>{errors}</div> : null}
      {value ? <div className="bps-node-extra" data-testid={`inner-value-${id}`}>= {value}</div> : null}
      {instance ? (
        <button type="button" className="bps-open-inside nodrag" data-testid={`open-inside-${id}`} title="show this module's inside (or double-click the node)"
          onClick={(e) => { e.stopPropagation(); useView.getState().openInside(id); }}>Open</button>
      ) : null}
    </div>
  );
});

const PortMarkerNode = memo(function PortMarkerNode({ data }: NodeProps<Node<MarkerNodeData, 'marker'>>) {
  const input = data.side === 'input';
  return (
    <div className={`bps-port-marker ${data.side}`} data-testid={`inside-port-${data.side}-${data.port}`} title={`the module's ${data.side} port ${data.port}`}>
      {input ? null : <Handle type="target" position={Position.Left} id={MARKER_HANDLE.output} isConnectable={false} className="bps-handle" />}
      <span className="bps-port-marker-side">{input ? 'input' : 'output'}</span> <strong>{data.port}</strong>
      {input ? <Handle type="source" position={Position.Right} id={MARKER_HANDLE.input} isConnectable={false} className="bps-handle" /> : null}
    </div>
  );
});

export const insideNodeTypes: NodeTypes = { inner: InnerNode, marker: PortMarkerNode };
