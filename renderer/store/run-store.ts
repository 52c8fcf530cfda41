// Results of the latest run: separate from the document, never saved and never undone.
// On an invalid graph the last valid results stay, marked stale so the canvas dims them.
import { create } from 'zustand';
import type { EdgeResult, GraphIssue, RunResults } from '../../engine/index.ts';

export type RunStatus = 'idle' | 'running' | 'ok' | 'invalid' | 'failed';

interface RunState {
  status: RunStatus;
  /** Every number of a run: the latest one, or while `labels` is set the one before. */
  results: RunResults | null;
  /**
   * The newest run's on-screen labels (by edge id), which arrive ahead of its other numbers: while set,
   * the status stays running and an edge label reads its numbers here (none: pending), never `results`.
   */
  labels: Readonly<Record<string, EdgeResult>> | null;
  /** True when `results` belong to an earlier, valid version of the document. */
  stale: boolean;
  issues: GraphIssue[];
  ms: number | null;
  error: string | null;
  /** How many runs have completed; tests wait on it. */
  runs: number;
  started(): void;
  labelsArrived(labels: Readonly<Record<string, EdgeResult>>): void;
  /** Every number of the newest run; `running`: a newer request is already on its way. */
  succeeded(results: RunResults, ms: number, running?: boolean): void;
  invalid(issues: GraphIssue[], ms: number): void;
  failed(message: string): void;
}

export const useRun = create<RunState>()((set) => ({
  status: 'idle', results: null, labels: null, stale: false, issues: [], ms: null, error: null, runs: 0,
  started: () => set({ status: 'running' }),
  labelsArrived: (labels) => set({ labels }),
  succeeded: (results, ms, running = false) => set((s) => ({ status: running ? 'running' : 'ok', results, labels: null, stale: false, issues: [], ms, error: null, runs: s.runs + 1 })),
  invalid: (issues, ms) => set((s) => ({ status: 'invalid', labels: null, stale: s.results !== null, issues, ms, error: null, runs: s.runs + 1 })),
  failed: (message) => set((s) => ({ status: 'failed', labels: null, stale: s.results !== null, error: message, runs: s.runs + 1 })),
}));

/** The numbers an edge label shows now: the newest run's, or none while they are on their way. */
export const edgeLabelResult = (s: Pick<RunState, 'results' | 'labels'>, edgeId: string): EdgeResult | undefined =>
  s.labels ? s.labels[edgeId] : s.results?.edges[edgeId];
