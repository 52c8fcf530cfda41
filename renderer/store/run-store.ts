// Results of the latest run: separate from the document, never saved and never undone.
// On an invalid graph the last valid results stay, marked stale so the canvas dims them.
import { create } from 'zustand';
import type { GraphIssue, RunResults } from '../../engine/index.ts';

export type RunStatus = 'idle' | 'running' | 'ok' | 'invalid' | 'failed';

interface RunState {
  status: RunStatus;
  results: RunResults | null;
  /** True when `results` belong to an earlier, valid version of the document. */
  stale: boolean;
  issues: GraphIssue[];
  ms: number | null;
  error: string | null;
  /** How many runs have completed; tests wait on it. */
  runs: number;
  started(): void;
  succeeded(results: RunResults, ms: number): void;
  invalid(issues: GraphIssue[], ms: number): void;
  failed(message: string): void;
}

export const useRun = create<RunState>()((set) => ({
  status: 'idle', results: null, stale: false, issues: [], ms: null, error: null, runs: 0,
  started: () => set({ status: 'running' }),
  succeeded: (results, ms) => set((s) => ({ status: 'ok', results, stale: false, issues: [], ms, error: null, runs: s.runs + 1 })),
  invalid: (issues, ms) => set((s) => ({ status: 'invalid', stale: s.results !== null, issues, ms, error: null, runs: s.runs + 1 })),
  failed: (message) => set((s) => ({ status: 'failed', stale: s.results !== null, error: message, runs: s.runs + 1 })),
}));
