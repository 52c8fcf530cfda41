// One component per module family, registered once at module level as React Flow nodeTypes.
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { boundDataText } from '../../../interop/notation/node-display.ts';
import { nodeSymbols } from '../../../interop/notation/symbols.ts';
import { dataLine, dataSymbol, lossLine, paramLines } from '../../../interop/notation/node-text.ts';
import { useReveal } from '../step-state.ts';
import { documentIndex, useDocument } from '../../store/document-store.ts';
import { useRun } from '../../store/run-store.ts';
import { ModuleNode, useGraphNode } from './ModuleNode.tsx';

// A data node says where its rows come from: a dataset ("moons · features") or its own value,
// named x for an input and y* for a target. An all-zero value of an unbound node carries a hint,
// since a new network otherwise shows only zeros with nothing saying the numbers can be edited.
const DataNode = memo(function DataNode({ id }: NodeProps) {
  const node = useGraphNode(id);
  const bound = useDocument((s) => { const n = documentIndex(s).nodeById.get(id); return n ? boundDataText(s.graph, n) : null; });
  const symbol = node ? dataSymbol(node) : 'x';
  const allZero = !!node?.value && node.value.data.every((v) => v === 0);
  return (
    <ModuleNode id={id} family="data">
      {bound ? <div className="bps-node-extra bps-bound" data-testid={`bound-${id}`} title="rows from the dataset (the canvas shows its first samples)">{bound}</div>
        : node?.value ? <div className="bps-node-extra" data-testid={`data-${id}`}>{dataLine(node, node.value)}</div> : null}
      {!bound && allZero ? <div className="bps-node-hint">set {symbol} in the inspector</div> : null}
    </ModuleNode>
  );
});

// A layer shows each parameter by its symbol: w₁ = 0.8 and ∂L/∂w₁ = −0.00225 when small, shape and
// norm when large. In Step mode the gradient appears only once the node's backward step is reached.
const LayerNode = memo(function LayerNode({ id }: NodeProps) {
  const node = useGraphNode(id);
  const symbols = useDocument((s) => nodeSymbols(s.graph, id));
  const results = useRun((s) => (s.stale ? undefined : s.results?.nodes[id]?.params));
  const reveal = useReveal();
  const showGrad = !reveal || reveal.backpropagated.has(id);
  const params = node?.params ?? {};
  return (
    <ModuleNode id={id} family="layer">
      {Object.entries(params).map(([name, t]) => {
        const sym = symbols.params[name]?.text ?? name;
        const g = results?.[name]?.grad;
        const { value, grad } = paramLines(sym, t, showGrad ? g : undefined);
        return (
          <div key={name} className="bps-node-extra bps-param">
            <div data-testid={`param-line-${id}-${name}`}>{value}</div>
            <div className="bps-param-grad" data-testid={`param-grad-line-${id}-${name}`} data-shown={!!g && showGrad}>{grad}</div>
          </div>
        );
      })}
    </ModuleNode>
  );
});

const ActivationNode = memo(function ActivationNode({ id }: NodeProps) {
  return <ModuleNode id={id} family="activation" />;
});

const CombineNode = memo(function CombineNode({ id }: NodeProps) {
  return <ModuleNode id={id} family="combine" />;
});

// The loss's value is shown once it is computed: in Step mode only from the loss's forward step on.
const LossNode = memo(function LossNode({ id }: NodeProps) {
  const loss = useRun((s) => s.results?.nodes[id]?.output.data[0]);
  const stale = useRun((s) => s.stale);
  const reveal = useReveal();
  const shown = loss !== undefined && (!reveal || reveal.computed.has(id));
  return (
    <ModuleNode id={id} family="loss">
      <div className={`bps-node-extra bps-loss${stale ? ' stale' : ''}`} data-testid={`loss-${id}`} data-shown={shown}>{lossLine(shown ? loss : undefined)}</div>
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
