// An opened module instance (issue 13.4): its inside laid out by ELK on a canvas of its own, over the
// outer canvas, which stays mounted and hidden, so Back finds its viewport as it was. Read-only: the
// canvas's edits (drag, connect, delete) address the document's top-level nodes, and an inner node is
// not one; the definition is edited in the instance's inspector or after Ungroup.
import { Background, Controls, ReactFlow, ReactFlowProvider, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { instancePorts, isInstance, nodeInputPorts, OUTPUT_PORT, type Graph } from '../../engine/index.ts';
import { useReadableFit } from '../layout/fit.ts';
import { insideLayoutGraph, insideView, type InsideCrumb, type InsideView } from '../model/inside-view.ts';
import { layoutGraph } from '../model/layout.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { familyOf, type FlowEdge } from './derive.ts';
import { edgeTypes } from './edges/GradientEdge.tsx';
import { insideNodeTypes, type InsideFlowNode } from './nodes/inside-nodes.tsx';
import './inside.css';

type Size = { width: number; height: number };
const MARKER_SIZE: Size = { width: 110, height: 34 };
const POINTER = { pointerEvents: 'all' } as const;

function InsideBar({ crumbs }: { crumbs: readonly InsideCrumb[] }) {
  const close = useView((s) => s.closeInside);
  const back = crumbs.length - 1;
  return (
    <nav className="bps-inside-bar" aria-label="Module inside" data-testid="inside-breadcrumb">
      <button type="button" data-testid="inside-back" title={`Back to ${back === 0 ? 'the graph' : crumbs[back - 1]!.localId} (Esc)`} onClick={() => close(back)}>← Back</button>
      <ol className="bps-crumbs">
        <li><button type="button" className="bps-crumb" data-testid="crumb-graph" onClick={() => close(0)}>Graph</button></li>
        {crumbs.map((c, i) => (
          <li key={c.id}>
            <span aria-hidden="true"> › </span>
            {i < back
              ? <button type="button" className="bps-crumb" data-testid={`crumb-${c.id}`} onClick={() => close(i + 1)}>{c.localId} ({c.module})</button>
              : <span aria-current="location" data-testid="inside-current">{c.localId} ({c.module})</span>}
          </li>
        ))}
      </ol>
      <span className="bps-inside-readonly" role="note" data-testid="inside-readonly" title="the inside follows its module's definition: change an inner node's settings in the instance's inspector, or Ungroup to edit its nodes on the canvas">read-only: edit with Ungroup</span>
    </nav>
  );
}

function flowNodes(graph: Graph, view: InsideView, at: ReadonlyMap<string, { x: number; y: number }>, sizes: ReadonlyMap<string, Size>): InsideFlowNode[] {
  // React Flow gives a node that is neither selectable nor draggable no pointer events: its title, Open and double-click need them.
  const common = (id: string) => ({ id, position: at.get(id) ?? { x: 0, y: 0 }, draggable: false, connectable: false, selectable: false, style: POINTER, ...(sizes.has(id) ? { measured: sizes.get(id)! } : {}) });
  return [
    ...view.markers.map((m): InsideFlowNode => ({ ...common(m.id), type: 'marker', data: { side: m.side, port: m.port } })),
    ...view.nodes.map(({ id, node }): InsideFlowNode => {
      const instance = isInstance(node);
      const ports = instance ? instancePorts(graph, node) : { inputs: nodeInputPorts(node), outputs: [OUTPUT_PORT] };
      return { ...common(id), type: 'inner', data: { node, family: familyOf(node.kind), inputs: ports.inputs, outputs: ports.outputs, instance } };
    }),
  ];
}

const openNested = (_: MouseEvent, n: InsideFlowNode): void => {
  if (n.type === 'inner' && n.data.instance) useView.getState().openInside(n.id);
};
const ignoreEdgeChanges = (_: EdgeChange<FlowEdge>[]): void => {};

function InsideFlow({ graph, view }: { graph: Graph; view: InsideView }) {
  const theme = useView((s) => s.theme);
  const fit = useReadableFit();
  const input = useMemo(() => insideLayoutGraph(view), [view]);
  // Laid out again only when its nodes or edges change, not on every new version of the document.
  const key = useMemo(() => JSON.stringify([input.nodes.map((n) => n.id), input.edges.map((e) => [e.source, e.sourcePort, e.target, e.targetPort])]), [input]);
  const [laid, setLaid] = useState<{ key: string; at: Map<string, { x: number; y: number }> } | null>(null);
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(new Map());
  useEffect(() => {
    if (laid?.key === key) return;
    let live = true;
    const guess = new Map(view.markers.map((m) => [m.id, MARKER_SIZE]));
    void layoutGraph(input, guess).then((at) => { if (live) setLaid({ key, at }); });
    return () => { live = false; };
  }, [key, input, laid, view]);
  const laidKey = laid?.key;
  useEffect(() => { if (laidKey) fit.afterLayout(); }, [laidKey, fit]);
  const nodes = useMemo(() => (laid ? flowNodes(graph, view, laid.at, sizes) : []), [graph, view, laid, sizes]);
  const edges = useMemo((): FlowEdge[] => view.edges.map((e) => ({
    id: e.id, type: 'gradient', source: e.source, sourceHandle: e.sourcePort, target: e.target, targetHandle: e.targetPort, selectable: false, data: { resultKey: e.resultKey },
  })), [view]);
  // React Flow hands measured sizes back through changes; kept here, since nothing else edits these nodes.
  const onNodesChange = useCallback((changes: NodeChange<InsideFlowNode>[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [{ id: c.id, ...c.dimensions }] : []));
    if (measured.length) setSizes((old) => {
      if (measured.every((m) => old.get(m.id)?.width === m.width && old.get(m.id)?.height === m.height)) return old;
      const next = new Map(old);
      for (const m of measured) next.set(m.id, { width: m.width, height: m.height });
      return next;
    });
  }, []);
  return (
    <ReactFlow<InsideFlowNode, FlowEdge>
      nodes={nodes} edges={edges} nodeTypes={insideNodeTypes} edgeTypes={edgeTypes}
      onNodesChange={onNodesChange} onEdgesChange={ignoreEdgeChanges} onNodeDoubleClick={openNested}
      nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} deleteKeyCode={null}
      zoomOnDoubleClick={false} colorMode={theme} minZoom={0.2} maxZoom={3}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** The inside of the last instance of `path`; closes itself when the document no longer has it. */
export function InsideCanvas({ path }: { path: readonly string[] }) {
  const graph = useDocument((s) => s.graph);
  const view = useMemo(() => insideView(graph, path), [graph, path]);
  useEffect(() => { if (!view) useView.getState().closeInside(0); }, [view]);
  if (!view) return null;
  return (
    <div className="bps-inside-canvas" data-testid="inside-canvas" data-instance={path.at(-1)}>
      <InsideBar crumbs={view.crumbs} />
      <ReactFlowProvider>
        <InsideFlow key={path.at(-1)} graph={graph} view={view} />
      </ReactFlowProvider>
    </div>
  );
}
