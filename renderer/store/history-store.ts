// Undo/redo as its own store (the Dify design): snapshots of the document taken only on named user
// actions, bounded, with consecutive duplicates dropped. Selection and viewport are never in it.
import { create } from 'zustand';
import type { Graph } from '../../engine/index.ts';
import { diffGraphs, isUnchanged } from '../model/graph-change.ts';

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

export const useHistory = create<HistoryState>()((set, get) => ({
  past: [],
  future: [],
  record(before, label) {
    const past = get().past;
    const last = past[past.length - 1];
    if (last && isUnchanged(diffGraphs(last.graph, before))) return;
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
