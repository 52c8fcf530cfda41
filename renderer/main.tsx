// Entry point: opens on the lecture example and exposes a small read-only hook for tests.
import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Graph } from '../engine/index.ts';
import { App } from './App.tsx';
import { lectureExample } from './panels/Toolbar.tsx';
import { useDocument } from './store/document-store.ts';
import { useRun } from './store/run-store.ts';

declare global {
  interface Window {
    __bps: { getDocument(): Graph; getRunStatus(): { status: string; runs: number; stale: boolean } };
  }
}

useDocument.getState().load(lectureExample());
window.__bps = {
  getDocument: () => structuredClone(useDocument.getState().graph),
  getRunStatus: () => { const r = useRun.getState(); return { status: r.status, runs: r.runs, stale: r.stale }; },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
