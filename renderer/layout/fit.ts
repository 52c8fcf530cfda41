// Fit view that keeps text readable (readable-view.ts), for every caller: the Fit view button, opening
// a file or example, auto-layout, the desktop menu, step and presenter mode changing the room.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { MIN_TEXT_PX, PRESENTER_TEXT_PX, readableViewport } from './readable-view.ts';
import { nodeTextPx, useLayout } from './layout-store.ts';
import { graphBounds, WINDOW_ABOVE } from '../canvas/node-window.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';

export interface ReadableFit {
  /** Fits the nodes as they are measured now. */
  fit(duration?: number): void;
  /** Fits once React Flow has measured every node (after a new document or a layout). */
  afterLayout(duration?: number): void;
}

const MEASURE_WAIT_MS = 1500;

export function useReadableFit(): ReadableFit {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useMemo(() => {
    const fit = (duration = 0): void => {
      const { width, height, nodeLookup } = store.getState();
      const { graph } = useDocument.getState();
      // A windowed graph's React Flow holds the nodes near the view only: fit the document's boxes.
      const windowed = graph.nodes.length > WINDOW_ABOVE;
      if ((windowed ? graph.nodes.length : nodeLookup.size) === 0 || width === 0 || height === 0) return;
      const { textSize, presenter } = useLayout.getState();
      const bounds = windowed ? graphBounds(graph, useView.getState().measured) : flow.getNodesBounds([...nodeLookup.values()].map((n) => n.id));
      const view = readableViewport(bounds, { width, height }, { textPx: nodeTextPx(textSize), minPx: presenter ? PRESENTER_TEXT_PX : MIN_TEXT_PX, maxZoom: presenter ? 3 : 1 });
      void flow.setViewport({ x: view.x, y: view.y, zoom: view.zoom }, { duration });
    };
    const afterLayout = (duration = 0): void => {
      const start = performance.now();
      const attempt = (): void => {
        const { nodeLookup, width } = store.getState();
        const measured = [...nodeLookup.values()].every((n) => n.measured.width !== undefined && n.measured.width > 0);
        if ((measured && width > 0) || performance.now() - start > MEASURE_WAIT_MS) fit(duration);
        else requestAnimationFrame(attempt);
      };
      // Two frames: the new nodes first render, then React Flow measures them.
      requestAnimationFrame(() => requestAnimationFrame(attempt));
    };
    return { fit, afterLayout };
  }, [flow, store]);
}
