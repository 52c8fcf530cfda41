// In step mode the view follows the current step: when its node is (partly) off screen — a readable
// fit can leave a wide graph's far end out of view, and presenter mode always does — the canvas pans
// to it, keeping the zoom.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { timelineFor } from '../canvas/step-state.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';

/** Screen pixels a node keeps from the canvas edge before the view pans to it. */
const MARGIN = 24;

export function useFollowStep(): void {
  const flow = useReactFlow();
  const store = useStoreApi();
  const stepMode = useView((s) => s.stepMode);
  const index = useView((s) => s.stepIndex);
  const results = useRun((s) => (s.stale ? null : s.results));
  useEffect(() => {
    if (!stepMode || !results) return;
    const steps = timelineFor(results);
    const step = steps[Math.min(index, steps.length - 1)];
    if (!step) return;
    const { nodeLookup, transform: [tx, ty, zoom], width, height } = store.getState();
    const node = nodeLookup.get(step.nodeId);
    if (!node?.measured.width || !node.measured.height) return;
    const { x, y } = node.internals.positionAbsolute;
    const left = x * zoom + tx, top = y * zoom + ty;
    const right = left + node.measured.width * zoom, bottom = top + node.measured.height * zoom;
    if (left >= MARGIN && top >= MARGIN && right <= width - MARGIN && bottom <= height - MARGIN) return;
    void flow.setCenter(x + node.measured.width / 2, y + node.measured.height / 2, { zoom, duration: 200 });
  }, [stepMode, index, results, flow, store]);
}
