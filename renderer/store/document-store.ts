// The one document store: the engine Graph the user edits, plus the selection (not part of the
// document: never saved, never undone). React Flow reads nodes/edges derived from it.
import { create } from 'zustand';
import type { Graph, ModuleKind } from '../../engine/index.ts';
import { copySelection, pasteClip, type Clip } from '../model/clipboard.ts';
import { groupAsModule, ungroupModule } from '../model/composite-ops.ts';
import * as ops from '../model/graph-ops.ts';
import { indexGraph, type GraphIndex } from '../model/graph-index.ts';
import { diffGraphs, isUnchanged, type GraphChange } from '../model/graph-change.ts';
import { useHistory } from './history-store.ts';
import { useView } from './view-store.ts';

export type UserAction =
  | 'add node' | 'connect' | 'delete' | 'move' | 'edit config' | 'edit parameter' | 'edit value'
  | 're-initialise' | 'paste' | 'cut' | 'layout' | 'new document' | 'open' | 'train' | 'bind dataset' | 'rename'
  | 'group as module' | 'ungroup' | 'edit module' | 'exercise settings' | 'new numbers' | 'paint data';

export interface Refusal { message: string; nodeIds: string[]; edgeIds: string[]; at: number }

interface DocumentState {
  graph: Graph;
  /** What changed to make `graph` (from the version before it): the one answer to "did it change?". */
  change: GraphChange;
  selectedNodes: string[];
  selectedEdges: string[];
  /** Why the last connection attempt was refused (shown until the next edit). */
  refusal: Refusal | null;
  clipboard: Clip | null;
  /** The graph before the current drag began, committed to history on drag stop. */
  dragOrigin: Graph | null;

  /** Applies a named user action: the previous graph goes to the undo history. */
  commit(label: UserAction, next: Graph): void;
  /** Replaces the document without history (initial load). */
  load(graph: Graph): void;
  addNode(kind: ModuleKind, position: { x: number; y: number }): string;
  connect(c: ops.Connection): boolean;
  deleteSelection(): void;
  dragPositions(positions: ReadonlyMap<string, { x: number; y: number }>): void;
  dragStop(): void;
  select(nodes: string[], edges: string[]): void;
  /** The selected nodes become one instance of a new composite module (refused with a reason otherwise). */
  groupSelection(): boolean;
  /** The selected instance's inside goes back on the canvas. */
  ungroupSelection(): boolean;
  copy(): void;
  cut(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  clearRefusal(): void;
}

/** The index of the document (selectors read issues, shapes and nodes from it). */
export const documentIndex = (s: { graph: Graph; change: GraphChange }): GraphIndex => indexGraph(s.graph, s.change);

export const EMPTY_GRAPH: Graph = { name: 'Untitled', seed: 0, nodes: [], edges: [] };

/** The state after replacing the graph: the graph and the change that made it. */
const withGraph = (prev: Graph, next: Graph): { graph: Graph; change: GraphChange } => ({ graph: next, change: diffGraphs(prev, next) });

export const useDocument = create<DocumentState>()((set, get) => ({
  graph: EMPTY_GRAPH,
  change: diffGraphs(EMPTY_GRAPH, EMPTY_GRAPH),
  selectedNodes: [],
  selectedEdges: [],
  refusal: null,
  clipboard: null,
  dragOrigin: null,

  commit(label, next) {
    const prev = get().graph;
    // An edit that changes nothing keeps the document as it is: no history entry, no new version.
    if (isUnchanged(diffGraphs(prev, next))) return;
    useHistory.getState().record(prev, label);
    const ids = new Set(next.nodes.map((n) => n.id)), eids = new Set(next.edges.map((e) => e.id));
    set((s) => ({ ...withGraph(prev, next), refusal: null, selectedNodes: s.selectedNodes.filter((id) => ids.has(id)), selectedEdges: s.selectedEdges.filter((id) => eids.has(id)) }));
  },
  load(graph) {
    useHistory.getState().clear();
    // A new document opens on its outer graph, even where it has an instance of the same id.
    useView.getState().closeInside(0);
    set({ ...withGraph(get().graph, ops.withMissingParams(graph)), selectedNodes: [], selectedEdges: [], refusal: null, dragOrigin: null });
  },
  addNode(kind, position) {
    const { graph, id } = ops.addNode(get().graph, kind, position);
    get().commit('add node', graph);
    set({ selectedNodes: [id], selectedEdges: [] });
    return id;
  },
  connect(c) {
    const result = ops.tryConnect(get().graph, c);
    if (!result.ok) {
      set({ refusal: { message: result.reason, nodeIds: result.loopNodes, edgeIds: result.loopEdges, at: Date.now() } });
      return false;
    }
    get().commit('connect', result.graph);
    return true;
  },
  deleteSelection() {
    const { graph, selectedNodes, selectedEdges } = get();
    get().commit('delete', ops.deleteElements(graph, selectedNodes, selectedEdges));
    set({ selectedNodes: [], selectedEdges: [] });
  },
  dragPositions(positions) {
    const { graph, dragOrigin } = get();
    set({ ...withGraph(graph, ops.moveNodes(graph, positions)), dragOrigin: dragOrigin ?? graph });
  },
  dragStop() {
    const { dragOrigin, graph } = get();
    if (!dragOrigin) return;
    // A drag that ends where it began is no edit: the document goes back to the version it was.
    if (isUnchanged(diffGraphs(dragOrigin, graph))) set({ ...withGraph(graph, dragOrigin), dragOrigin: null });
    else {
      set({ dragOrigin: null });
      useHistory.getState().record(dragOrigin, 'move');
    }
  },
  select(nodes, edges) {
    const s = get();
    if (sameList(s.selectedNodes, nodes) && sameList(s.selectedEdges, edges)) return;
    set({ selectedNodes: nodes, selectedEdges: edges });
  },
  groupSelection() {
    const r = groupAsModule(get().graph, get().selectedNodes);
    if (!r.ok) {
      set({ refusal: { message: r.reason, nodeIds: [], edgeIds: [], at: Date.now() } });
      return false;
    }
    get().commit('group as module', r.graph);
    set({ selectedNodes: [r.instanceId], selectedEdges: [] });
    return true;
  },
  ungroupSelection() {
    const { graph, selectedNodes } = get();
    const r = selectedNodes.length === 1 ? ungroupModule(graph, selectedNodes[0]!) : { ok: false as const, reason: 'select one module instance to ungroup' };
    if (!r.ok) {
      set({ refusal: { message: r.reason, nodeIds: [], edgeIds: [], at: Date.now() } });
      return false;
    }
    get().commit('ungroup', r.graph);
    set({ selectedNodes: r.nodeIds, selectedEdges: [] });
    return true;
  },
  copy() {
    const clip = copySelection(get().graph, get().selectedNodes);
    if (clip) set({ clipboard: clip });
  },
  cut() {
    const { graph, selectedNodes } = get();
    const clip = copySelection(graph, selectedNodes);
    if (!clip) return;
    set({ clipboard: clip });
    get().commit('cut', ops.deleteElements(graph, selectedNodes, []));
    set({ selectedNodes: [], selectedEdges: [] });
  },
  paste() {
    const clip = get().clipboard;
    if (!clip) return;
    const { graph, nodeIds } = pasteClip(get().graph, clip, { x: 40, y: 40 });
    get().commit('paste', graph);
    // The next paste lands a step further, like most editors.
    set({ selectedNodes: nodeIds, selectedEdges: [], clipboard: { ...clip, nodes: clip.nodes.map((n) => ({ ...n, position: { x: (n.position?.x ?? 0) + 40, y: (n.position?.y ?? 0) + 40 } })) } });
  },
  undo() {
    const current = get().graph;
    const prev = useHistory.getState().undo(current);
    if (prev) set({ ...withGraph(current, prev), refusal: null, dragOrigin: null });
  },
  redo() {
    const current = get().graph;
    const next = useHistory.getState().redo(current);
    if (next) set({ ...withGraph(current, next), refusal: null, dragOrigin: null });
  },
  clearRefusal: () => set({ refusal: null }),
}));

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
