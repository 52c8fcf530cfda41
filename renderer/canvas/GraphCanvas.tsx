// The React Flow canvas, controlled by the document store: it renders derived nodes/edges and turns
// React Flow's change events into named document actions.
import {
  Background, ControlButton, Controls, MiniMap, Panel, ReactFlow, useReactFlow, useStore,
  type Connection, type EdgeChange, type NodeChange, type ReactFlowState,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { isModuleKind, MODULE_KIND, type ModuleKind } from '../../engine/index.ts';
import { useReadableFit } from '../layout/fit.ts';
import { freeSpot, NEW_NODE_SIZE, nodeBoxes } from '../layout/free-spot.ts';
import { EmptyHint } from '../layout/EmptyHint.tsx';
import { usePileLayout } from '../layout/usePileLayout.ts';
import { useLayout } from '../layout/layout-store.ts';
import { documentIndex, useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { createEdgeDeriver, createNodeDeriver, CULL_ABOVE, familyOf, type FlowEdge, type FlowNode } from './derive.ts';
import { edgeTypes } from './edges/GradientEdge.tsx';
import { ConnectPicker } from './ConnectPicker.tsx';
import { InsideCanvas } from './InsideCanvas.tsx';
import { StepFollow } from './StepFollow.tsx';
import { nodeTypes } from './nodes/family-nodes.tsx';
import { nodeWindow, sameWindow, WINDOW_ABOVE, windowNodeIds, type NodeWindow } from './node-window.ts';
import { OverviewCanvas } from './OverviewCanvas.tsx';

export const PALETTE_MIME = 'application/x-bps-kind';
/** Roughly half a node, so a dropped node is centred on the pointer. */
const DROP_OFFSET = { x: 75, y: 40 };
// Module-level props: React Flow copies every prop that changes identity into its store on each
// render, which re-runs the selectors of all 200 node and edge wrappers.
const MINIMAP_STYLE = { width: 150, height: 100 };
/** React Flow's panel margin, plus a little air. */
const MINIMAP_MARGIN = 15 + 8;
/** Whether any node lies (on screen) where the minimap would be drawn: then it steps aside (issue 10.5). */
function nodesUnderMinimap(s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  const left = s.width - MINIMAP_STYLE.width - MINIMAP_MARGIN;
  const top = s.height - MINIMAP_STYLE.height - MINIMAP_MARGIN;
  for (const n of s.nodeLookup.values()) {
    const x = n.internals.positionAbsolute.x * zoom + tx;
    const y = n.internals.positionAbsolute.y * zoom + ty;
    const w = (n.measured.width ?? 0) * zoom, h = (n.measured.height ?? 0) * zoom;
    if (x + w > left && y + h > top && x < s.width && y < s.height) return true;
  }
  return false;
}
const windowOf = (s: ReactFlowState): NodeWindow => nodeWindow(s.transform, s.width, s.height);
const noWindow = (): null => null;
const NO_IDS: ReadonlySet<string> = new Set();
/** A refusal stays this long (long enough to read two lines), or while the pointer is on it. */
export const REFUSAL_MS = 8000;

function RefusalBanner({ message }: { message: string }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const t = setTimeout(() => useDocument.getState().clearRefusal(), REFUSAL_MS);
    return () => clearTimeout(t);
  }, [held]);
  return (
    <div className="bps-refusal" role="alert" data-testid="refusal" onPointerEnter={() => setHeld(true)} onPointerLeave={() => setHeld(false)}>
      <span>{message}</span>
      <button type="button" aria-label="Dismiss" onClick={() => useDocument.getState().clearRefusal()}>×</button>
    </div>
  );
}
const minimapClass = (n: FlowNode): string => `minimap-${familyOf(n.data.kind)}`;
const onNodeDragStop = (): void => useDocument.getState().dragStop();
/** Double-click on a module instance opens its inside (the title's double-click renames instead). */
const openInstance = (_: unknown, n: FlowNode): void => { if (n.data.kind === MODULE_KIND) useView.getState().openInside(n.id); };
/** Arrow-key moves closer together than this form one undoable move. */
const KEY_MOVE_BURST_MS = 500;
let keyMoveTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * React Flow moves selected nodes with the arrow keys through position changes that are not part of
 * a drag (no drag stop follows): the move is closed, as one history entry, once the keys rest.
 */
function noteKeyboardMove(): void {
  clearTimeout(keyMoveTimer);
  keyMoveTimer = setTimeout(() => useDocument.getState().dragStop(), KEY_MOVE_BURST_MS);
}
/** Adds a node at `at`, or at the nearest spot next to it where it covers no other node. */
export function addNodeAtFreeSpot(kind: ModuleKind, at: { x: number; y: number }): string {
  const doc = useDocument.getState();
  const spot = freeSpot({ x: Math.round(at.x), y: Math.round(at.y) }, NEW_NODE_SIZE, nodeBoxes(doc.graph.nodes, useView.getState().measured));
  return doc.addNode(kind, spot);
}
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

/** Group as module (any selected nodes) and Ungroup (one selected instance), over the canvas' top-right corner. */
function SelectionActions() {
  const count = useDocument((s) => s.selectedNodes.length);
  const oneInstance = useDocument((s) => s.selectedNodes.length === 1 && documentIndex(s).nodeById.get(s.selectedNodes[0]!)?.kind === MODULE_KIND);
  if (count === 0) return null;
  return (
    <Panel position="top-right">
      <div className="bps-selection-actions" role="toolbar" aria-label="Selection">
        <button type="button" data-testid="group-as-module" title="Group the selected nodes into a module: the edges across the selection become its ports (Ctrl+G)"
          onClick={() => useDocument.getState().groupSelection()}>Group as module</button>
        {oneInstance ? (
          <button type="button" data-testid="ungroup" title="Put this module's nodes back on the canvas (Ctrl+Shift+G)" onClick={() => useDocument.getState().ungroupSelection()}>Ungroup</button>
        ) : null}
      </div>
    </Panel>
  );
}

export function GraphCanvas() {
  const graph = useDocument((s) => s.graph);
  const selectedNodes = useDocument((s) => s.selectedNodes);
  const selectedEdges = useDocument((s) => s.selectedEdges);
  const refusal = useDocument((s) => s.refusal);
  const measured = useView((s) => s.measured);
  const theme = useView((s) => s.theme);
  const deriveNodes = useMemo(createNodeDeriver, []);
  const deriveEdges = useMemo(createEdgeDeriver, []);
  // A large graph gives React Flow the nodes near the view only, or none under the overview (node-window.ts).
  const view = useStore<NodeWindow | null>(graph.nodes.length > WINDOW_ABOVE ? windowOf : noWindow, (a, b) => a === b || (a !== null && b !== null && sameWindow(a, b)));
  const windowIds = useMemo(() => (view === null ? undefined : view === 'overview' ? NO_IDS : windowNodeIds(graph, view, measured, selectedNodes)), [graph, view, measured, selectedNodes]);
  const nodes = useMemo(() => deriveNodes(graph, selectedNodes, measured, windowIds), [deriveNodes, graph, selectedNodes, measured, windowIds]);
  const cull = graph.nodes.length > CULL_ABOVE || graph.edges.length > CULL_ABOVE;
  const edges = useMemo(() => deriveEdges(graph, selectedEdges, windowIds), [deriveEdges, graph, selectedEdges, windowIds]);
  const { screenToFlowPosition } = useReactFlow();
  const fit = useReadableFit();
  const stepMode = useView((s) => s.stepMode);
  const presenter = useLayout((s) => s.presenter);
  const minimap = useLayout((s) => s.minimap);
  const minimapCovers = useStore(nodesUnderMinimap);
  const inside = useView((s) => s.inside);
  // The first view, and again when the step dock or presenter mode changes the room: a readable fit.
  useEffect(() => fit.afterLayout(), [fit]);
  usePileLayout();
  const firstRoom = useRef(true);
  useEffect(() => {
    if (firstRoom.current) { firstRoom.current = false; return; }
    const t = setTimeout(() => fit.afterLayout(150), 60);
    return () => clearTimeout(t);
  }, [stepMode, presenter, fit]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const doc = useDocument.getState();
    const positions = new Map<string, { x: number; y: number }>();
    const sizes: { id: string; width: number; height: number }[] = [];
    let selection: Set<string> | null = null;
    let keyboard = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        positions.set(c.id, { x: Math.round(c.position.x), y: Math.round(c.position.y) });
        if (c.dragging) clearTimeout(keyMoveTimer);
        // A mouse drag's last change also has dragging false; its drag stop comes first, so the
        // timer then finds nothing to close.
        else keyboard = true;
      }
      else if (c.type === 'dimensions' && c.dimensions) sizes.push({ id: c.id, ...c.dimensions });
      else if (c.type === 'select') {
        selection ??= new Set(doc.selectedNodes);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (sizes.length) useView.getState().setMeasured(sizes);
    if (positions.size) doc.dragPositions(positions);
    if (keyboard) noteKeyboardMove();
    if (selection) doc.select([...selection], useDocument.getState().selectedEdges);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const doc = useDocument.getState();
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        selection ??= new Set(doc.selectedEdges);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (selection) doc.select(useDocument.getState().selectedNodes, [...selection]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.targetHandle) return;
    useDocument.getState().connect({ source: c.source, ...(c.sourceHandle ? { sourcePort: c.sourceHandle } : {}), target: c.target, targetPort: c.targetHandle });
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const kind = e.dataTransfer.getData(PALETTE_MIME);
    if (!isModuleKind(kind)) return;
    e.preventDefault();
    const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    // Never on top of another node, and never a change of zoom (issue 10.4).
    addNodeAtFreeSpot(kind, { x: p.x - DROP_OFFSET.x, y: p.y - DROP_OFFSET.y });
  }, [screenToFlowPosition]);

  return (
    <div className={`bps-canvas${inside.length ? ' inside-open' : ''}`} id="bps-canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onNodeDoubleClick={openInstance}
        onlyRenderVisibleElements={cull}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        colorMode={theme}
        minZoom={0.2}
        maxZoom={3}
      >
        <Background gap={20} />
        {view === 'overview' ? <OverviewCanvas /> : null}
        <StepFollow />
        {minimap && !minimapCovers ? <MiniMap<FlowNode> pannable zoomable style={MINIMAP_STYLE} nodeClassName={minimapClass} /> : null}
        <Controls>
          <ControlButton aria-label={minimap ? 'Hide minimap' : 'Show minimap'} title={minimap ? 'Hide the minimap' : 'Show the minimap (it steps aside while nodes are under it)'} aria-pressed={minimap} onClick={() => useLayout.getState().setMinimap(!minimap)}>▦</ControlButton>
        </Controls>
        <SelectionActions />
        {refusal ? (
          <Panel position="top-center">
            <RefusalBanner key={refusal.at} message={refusal.message} />
          </Panel>
        ) : null}
      </ReactFlow>
      {/* Over the outer canvas, which stays as it is (viewport, selection) for Back. */}
      {inside.length ? <InsideCanvas path={inside} /> : null}
      {graph.nodes.length === 0 ? <EmptyHint /> : null}
      <ConnectPicker />
      <svg className="bps-defs" aria-hidden="true">
        <defs>
          <marker id="bps-step-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--step-color)" />
          </marker>
        </defs>
      </svg>
    </div>
  );
}
