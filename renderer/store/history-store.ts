// Undo/redo as its own store (the Dify design): snapshots of the document taken only on named user
// actions, bounded, with consecutive duplicates dropped. Selection and viewport are never in it.
import { create } from 'zustand';
import type { Graph } from '../../engine/index.ts';

export const HISTORY_LIMIT = 100;

export interface HistoryEntry { readonly graph: Graph; readonly label: string }

interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Records `before` as the state to return to when undoing the action `label`. */
  record(before: Graph, label: string): void;
  /** Returns the graph to show after undoing from `current`, or null when there is nothing to undo. */
  undo(current: Graph): Graph | null;
  redo(current: Graph): Graph | null;
  clear(): void;
}

/**
 * Equal content? Edits share every untouched node and edge by reference, so compare by reference first
 * and serialise only the elements that differ: a 200-node graph costs microseconds, not a full JSON.
 */
export function sameGraph(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const same = (x: unknown, y: unknown): boolean => x === y || JSON.stringify(x) === JSON.stringify(y);
  const { nodes: an, edges: ae, ...aRest } = a;
  const { nodes: bn, edges: be, ...bRest } = b;
  return an.every((n, i) => same(n, bn[i])) && ae.every((e, i) => same(e, be[i])) && same(aRest, bRest);
}

export const useHistory = create<HistoryState>()((set, get) => ({
  past: [],
  future: [],
  record(before, label) {
    const past = get().past;
    const last = past[past.length - 1];
    if (last && sameGraph(last.graph, before)) return;
    set({ past: [...past, { graph: before, label }].slice(-HISTORY_LIMIT), future: [] });
  },
  undo(current) {
    const { past, future } = get();
    const entry = past[past.length - 1];
    if (!entry) return null;
    set({ past: past.slice(0, -1), future: [...future, { graph: current, label: entry.label }] });
    return entry.graph;
  },
  redo(current) {
    const { past, future } = get();
    const entry = future[future.length - 1];
    if (!entry) return null;
    set({ future: future.slice(0, -1), past: [...past, { graph: current, label: entry.label }] });
    return entry.graph;
  },
  clear: () => set({ past: [], future: [] }),
}));
