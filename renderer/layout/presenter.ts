// Presenter mode (issue 10.3): the canvas and the step panel fill the window with text for a projector
// (fit at ≥ 18 px, fit.ts), and a clicker drives the steps: PageDown, →, ↓ and Space go forward,
// PageUp, ← and ↑ back (what presentation clickers send). F5 enters (in the browser; the desktop
// menu keeps F5 for Run), Esc leaves. App.tsx hides the rest with CSS, so panels keep their state.
import { useEffect } from 'react';
import { timelineFor } from '../canvas/step-state.ts';
import { reachableStep } from '../exercise/step-gate.ts';
import { clampStep } from '../panels/step/StepPanel.tsx';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';
import { useLayout } from './layout-store.ts';

const FORWARD = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ']);
const BACK = new Set(['PageUp', 'ArrowLeft', 'ArrowUp']);

export function enterPresenter(): void {
  const run = useRun.getState();
  // Arrow keys must step, not move a selected node.
  useDocument.getState().select([], []);
  if (run.results && !run.stale && !useView.getState().stepMode) useView.getState().setStepMode(true);
  useLayout.getState().setPresenter(true);
}

export function leavePresenter(): void {
  useLayout.getState().setPresenter(false);
}

/** The step a key leads to in presenter mode, or null when the key is not a clicker key. */
export function presenterStep(key: string, index: number, n: number): number | null {
  if (n === 0) return null;
  if (FORWARD.has(key)) return clampStep(index + 1, n);
  if (BACK.has(key)) return clampStep(index - 1, n);
  return null;
}

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const presenting = useLayout.getState().presenter;
      if (e.key === 'F5' && !e.shiftKey) {
        e.preventDefault();
        if (presenting) leavePresenter();
        else enterPresenter();
        return;
      }
      if (!presenting || inField(e.target)) return;
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); leavePresenter(); return; }
      const view = useView.getState();
      const run = useRun.getState();
      if (!view.stepMode || !run.results || run.stale) return;
      const n = timelineFor(run.results).length;
      const j = presenterStep(e.key, Math.min(view.stepIndex, n - 1), n);
      if (j === null) return;
      // Ahead of React Flow (which would move a node) and the step panel (which handles ←/→ itself).
      e.preventDefault();
      e.stopPropagation();
      view.setStepIndex(reachableStep(j));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
