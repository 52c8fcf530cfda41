// One component per module family, registered once at module level as React Flow nodeTypes.
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useRun } from '../../store/run-store.ts';
import { formatNumber, summarizeTensor } from '../../math/format.ts';
import { ModuleNode, useGraphNode } from './ModuleNode.tsx';

const DataNode = memo(function DataNode({ id }: NodeProps) {
  const node = useGraphNode(id);
  return (
    <ModuleNode id={id} family="data">
      {node?.value ? <div className="bps-node-extra">x = {summarizeTensor(node.value, 4)}</div> : null}
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
