// One component per module family, registered once at module level as React Flow nodeTypes.
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo, useState } from 'react';
import { innerNodes } from '../../model/composite-ops.ts';
import { summarizeTensor } from '../../../interop/notation/format.ts';
import { boundDataText } from '../../../interop/notation/node-display.ts';
import { nodeSymbols } from '../../../interop/notation/symbols.ts';
import { dataLine, dataSymbol, lossLine, paramLines } from '../../../interop/notation/node-text.ts';
import { useReveal } from '../step-state.ts';
import { documentIndex, useDocument } from '../../store/document-store.ts';
import { useRun } from '../../store/run-store.ts';
import { useView } from '../../store/view-store.ts';
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

// A composite module's instance: one node with its definition's ports; "inside" opens the list of its
// inner nodes ("fc · linear"), each with the value it computed in the last run (their flat ids "m1/fc");
// Open shows the inside on the canvas (InsideCanvas.tsx).
const CompositeNode = memo(function CompositeNode({ id }: NodeProps) {
  const [open, setOpen] = useState(false);
  // One string per inner node, so a run that leaves the values alone re-renders nothing.
  const inner = useDocument((s) => innerNodes(s.graph, id).map((n) => `${n.id}\u0000${n.kind}`).join('\n'));
  const values = useRun((s) => (!open || s.stale ? '' : inner.split('\n').map((line) => {
    const o = s.results?.nodes[line.split('\u0000')[0]!]?.output;
    return o ? summarizeTensor(o, 3) : '';
  }).join('\n')));
  const rows = inner ? inner.split('\n').map((line) => line.split('\u0000') as [string, string]) : [];
  const shown = values.split('\n');
  return (
    <ModuleNode id={id} family="composite">
      <button type="button" className="bps-inside-toggle nodrag" data-testid={`inside-toggle-${id}`} aria-expanded={open} title="show the nodes inside this module and their values"
        onClick={(e) => { e.stopPropagation(); setOpen(!open); }}>{open ? '▾' : '▸'} inside ({rows.length})</button>
      <button type="button" className="bps-inside-toggle nodrag" data-testid={`open-inside-${id}`} title="open this module on the canvas: its nodes, edges and values (or double-click the node)"
        onClick={(e) => { e.stopPropagation(); useView.getState().openInside(id); }}>Open</button>
      {open ? (
        <ul className="bps-inside" data-testid={`inside-${id}`}>
          {rows.map(([flat, kind], i) => (
            <li key={flat} data-testid={`inner-${flat}`}>{flat.slice(id.length + 1)} · {kind}{shown[i] ? ` = ${shown[i]!.replace(/-/g, '−')}` : ''}</li>
          ))}
        </ul>
      ) : null}
    </ModuleNode>
  );
});

export const nodeTypes: NodeTypes = {
  composite: CompositeNode,
  data: DataNode,
  layer: LayerNode,
  activation: ActivationNode,
  combine: CombineNode,
  loss: LossNode,
};
