// One component per module family, registered once at module level as React Flow nodeTypes.
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { boundDataText } from '../../model/node-display.ts';
import { documentIndex, useDocument } from '../../store/document-store.ts';
import { useRun } from '../../store/run-store.ts';
import { formatNumber, summarizeTensor } from '../../math/format.ts';
import { ModuleNode, useGraphNode } from './ModuleNode.tsx';

// A data node says where its rows come from: a dataset ("moons · features") or its own value,
// named x for an input and y* for a target. An all-zero value of an unbound node carries a hint,
// since a new network otherwise shows only zeros with nothing saying the numbers can be edited.
const DataNode = memo(function DataNode({ id }: NodeProps) {
  const node = useGraphNode(id);
  const bound = useDocument((s) => { const n = documentIndex(s).nodeById.get(id); return n ? boundDataText(s.graph, n) : null; });
  const symbol = node?.kind === 'target' ? 'y*' : 'x';
  const allZero = !!node?.value && node.value.data.every((v) => v === 0);
  return (
    <ModuleNode id={id} family="data">
      {bound ? <div className="bps-node-extra bps-bound" data-testid={`bound-${id}`} title="rows from the dataset (the canvas shows its first samples)">{bound}</div>
        : node?.value ? <div className="bps-node-extra" data-testid={`data-${id}`}>{symbol} = {summarizeTensor(node.value, 4)}</div> : null}
      {!bound && allZero ? <div className="bps-node-hint">set {symbol} in the inspector</div> : null}
    </ModuleNode>
  );
});

const LayerNode = memo(function LayerNode({ id }: NodeProps) {
  const node = useGraphNode(id);
  const count = Object.values(node?.params ?? {}).reduce((s, t) => s + t.data.length, 0);
  return (
    <ModuleNode id={id} family="layer">
      <div className="bps-node-extra">{count} parameter{count === 1 ? '' : 's'}</div>
    </ModuleNode>
  );
});

const ActivationNode = memo(function ActivationNode({ id }: NodeProps) {
  return <ModuleNode id={id} family="activation" />;
});

const CombineNode = memo(function CombineNode({ id }: NodeProps) {
  return <ModuleNode id={id} family="combine" />;
});

const LossNode = memo(function LossNode({ id }: NodeProps) {
  const loss = useRun((s) => s.results?.nodes[id]?.output.data[0]);
  const stale = useRun((s) => s.stale);
  return (
    <ModuleNode id={id} family="loss">
      <div className={`bps-node-extra bps-loss${stale ? ' stale' : ''}`} data-testid={`loss-${id}`}>L = {loss === undefined ? '—' : formatNumber(loss, 6)}</div>
    </ModuleNode>
  );
});

export const nodeTypes: NodeTypes = {
  data: DataNode,
  layer: LayerNode,
  activation: ActivationNode,
  combine: CombineNode,
  loss: LossNode,
};
