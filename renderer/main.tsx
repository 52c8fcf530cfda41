// Entry point: opens on the lecture example and exposes a small hook for tests and benchmarks.
import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Graph } from '../engine/index.ts';
import { App } from './App.tsx';
import { exampleGraph, START_EXAMPLE } from './examples.ts';
import { useDocument } from './store/document-store.ts';
import { useRun } from './store/run-store.ts';
import { useHistory } from './store/history-store.ts';

declare global {
  interface Window {
    __bps: {
      getDocument(): Graph;
      getRunStatus(): { status: string; runs: number; stale: boolean };
      /** The undo history's action labels, oldest first. */
      getHistory(): string[];
      /** Replaces the document (as File → Open would); for tests and benchmarks. */
      loadDocument(graph: Graph): void;
    };
  }
}

useDocument.getState().load(exampleGraph(START_EXAMPLE));
window.__bps = {
  getDocument: () => structuredClone(useDocument.getState().graph),
  getRunStatus: () => { const r = useRun.getState(); return { status: r.status, runs: r.runs, stale: r.stale }; },
  getHistory: () => useHistory.getState().past.map((e) => e.label),
  loadDocument: (graph) => useDocument.getState().load(graph),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
