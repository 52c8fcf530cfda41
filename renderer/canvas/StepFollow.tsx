// Step mode on a large graph (issue 10.17): when the current step's node is not wholly on screen, the
// view pans (at the same zoom) to centre it, so the highlighted node is always the one in view.
import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';
import { useReveal } from './step-state.ts';
import { documentIndex, useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';

/** How far a node may stick out past the canvas edge and still count as visible, in screen pixels (fit view leaves nodes right at the edge). */
const MARGIN = -4;
/** Longer than the canvas's refit on entering Step mode (60 ms, then a 150 ms animation). */
const AFTER_REFIT_MS = 320;
const size = (s: ReactFlowState): string => `${s.width}x${s.height}`;

export function StepFollow() {
  const nodeId = useReveal()?.current?.canvasNodeId ?? null;
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  const dims = useStore(size);
  useEffect(() => {
    if (!nodeId) return;
    const follow = (): void => {
      // A windowed graph's node off the view is not in React Flow (node-window.ts): the document has it.
      const node = getInternalNode(nodeId);
      const far = node ? null : documentIndex(useDocument.getState()).nodeById.get(nodeId);
      if (!node && !far) return;
      const [width, height] = dims.split('x').map(Number) as [number, number];
      const { x, y, zoom } = getViewport();
      const size = node?.measured ?? useView.getState().measured.get(nodeId) ?? {};
      const w = size.width ?? 150, h = size.height ?? 60;
      const p = node?.internals.positionAbsolute ?? far?.position ?? { x: 0, y: 0 };
      const left = p.x * zoom + x, top = p.y * zoom + y, right = left + w * zoom, bottom = top + h * zoom;
      if (left >= MARGIN && top >= MARGIN && right <= width - MARGIN && bottom <= height - MARGIN) return;
      void setCenter(p.x + w / 2, p.y + h / 2, { zoom, duration: 200 });
    };
    follow();
    // Entering Step mode refits the view once the dock has taken its room: look again after that.
    const t = setTimeout(follow, AFTER_REFIT_MS);
    return () => clearTimeout(t);
  }, [nodeId, dims, getInternalNode, getViewport, setCenter]);
  return null;
}
