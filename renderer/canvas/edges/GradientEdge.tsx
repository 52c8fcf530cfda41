// An edge that shows what flows along it: the forward value and dL/d(that input). Colour and width
// encode the gradient's magnitude; the label carries the exact numbers as JSON for tests.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps, type EdgeTypes, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { TensorTable } from '../../panels/TensorDetails.tsx';
import { useDocument } from '../../store/document-store.ts';
import { edgeLabelResult, useRun } from '../../store/run-store.ts';
import { textScale, useLayout } from '../../layout/layout-store.ts';
import { useView } from '../../store/view-store.ts';
import { gradientStyle } from '../../../interop/notation/gradient-scale.ts';
import { useServices } from '../../services.tsx';
import { gradLabelText, tensorJson, tensorNorm, tensorSummary } from '../label-text.ts';
import { CULL_ABOVE } from '../derive.ts';
import { useReveal } from '../step-state.ts';
import { gradText as gradOf, nodeSymbols } from '../../../interop/notation/symbols.ts';

/** How far outside the pane (screen px) labels are still rendered, so panning shows them at once. */
const LABEL_MARGIN_PX = 240;

function labelInView(s: ReactFlowState, x: number, y: number): boolean {
  if (s.edges.length <= CULL_ABOVE || !s.width || !s.height) return true;
  const [tx, ty, zoom] = s.transform;
  const sx = x * zoom + tx, sy = y * zoom + ty;
  return sx > -LABEL_MARGIN_PX && sx < s.width + LABEL_MARGIN_PX && sy > -LABEL_MARGIN_PX && sy < s.height + LABEL_MARGIN_PX;
}

/** Room (flow px) kept free between a label and the nodes at either end of its edge. */
const LABEL_NODE_GAP = 6;
/** Widest a label gets (flow px): longer text wraps between numbers. */
const MAX_LABEL_WIDTH = 180;
/** Width of one character of the label font (14 px monospace, times the text-size setting) and the label's padding + border. */
const CHAR_PX = 8.5, LABEL_PAD_PX = 12;
/**
 * A label too wide for the gap between its nodes is lifted this far (flow px) above the edge, clear
 * of the nodes' top edges (a node's output handle sits about 30 px below its top), with a leader line
 * down to the edge: it then covers empty canvas instead of the nodes' ports.
 */
const LIFT_PX = 34;

/** An edge whose ends differ this much in height (flow px) bends: its middle runs steeply between nodes. */
const BEND_PX = 40;

/**
 * Where a label goes (a CSS transform): centred above the edge's middle when it fits between the two
 * nodes; lifted above the nodes (with a leader line) when it does not; and, on a bending edge (into a
 * loss from above or below, where the middle is crowded by both nodes), next to the source's output
 * handle, on the side the edge leaves free (above it when the edge goes down, below when it goes up).
 */
function placeLabel(p: { labelX: number; labelY: number; sourceX: number; sourceY: number; targetY: number }, fits: boolean): { transform: string; lift: number } {
  if (fits) return { transform: `translate(-50%, -100%) translate(${p.labelX}px, ${p.labelY - 3}px)`, lift: 0 };
  if (Math.abs(p.targetY - p.sourceY) > BEND_PX) {
    const down = p.targetY > p.sourceY;
    return { transform: `translate(0, ${down ? '-100%' : '0'}) translate(${p.sourceX + 8}px, ${p.sourceY + (down ? -5 : 5)}px)`, lift: 0 };
  }
  return { transform: `translate(-50%, -100%) translate(${p.labelX}px, ${p.labelY - 3 - LIFT_PX}px)`, lift: LIFT_PX };
}

function labelWidth(lines: readonly string[], scale: number): number {
  return Math.min(MAX_LABEL_WIDTH * scale, Math.max(0, ...lines.map((l) => l.length)) * CHAR_PX * scale + LABEL_PAD_PX);
}

export const LABEL_TITLE = 'top: forward value · ∂: dL/d(this input), the gradient of the loss with respect to the value on this edge. Tensors with more than 2 entries show [shape] and the L2 norm ‖·‖. Hover for every entry; click to inspect.';

/** Closes the hovered popover on Escape or a press anywhere outside the label. */
function useDismiss(active: boolean, ref: RefObject<HTMLDivElement | null>, close: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape') close(); };
    const onDown = (e: PointerEvent): void => { if (!ref.current?.contains(e.target as Node)) close(); };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener('pointerdown', onDown, true); };
  }, [active, ref, close]);
}

/** Screen px at the canvas bottom kept for the legend and controls, which sit above the labels. */
const POPOVER_BOTTOM_RESERVE = 80;

/** The per-sample tables under a label, shifted (and limited in size) to stay inside the canvas. */
function EdgePopover({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current, pane = el?.closest('.react-flow')?.getBoundingClientRect();
    if (!el || !pane) return;
    // The popover lives inside the zoomed viewport: undo the zoom so its numbers are readable at any
    // zoom, then keep it inside the canvas (opening above the label when there is no room below).
    el.style.translate = '';
    el.style.scale = '';
    const zoom = el.getBoundingClientRect().width / (el.offsetWidth || 1) || 1;
    el.style.scale = String(1 / zoom);
    el.style.maxWidth = `${Math.max(160, Math.min(640, pane.width - 16))}px`;
    // Below the label if it fits above the legend strip at the bottom, else on the roomier side.
    const label = el.parentElement?.getBoundingClientRect() ?? el.getBoundingClientRect();
    const below = pane.bottom - POPOVER_BOTTOM_RESERVE - label.bottom, above = label.top - pane.top - 8;
    el.style.maxHeight = '';
    const natural = el.getBoundingClientRect().height;
    const openAbove = natural > below && above > below;
    el.style.maxHeight = `${Math.max(80, Math.min(natural, openAbove ? above : below) - 6)}px`;
    const r = el.getBoundingClientRect();
    let dx = 0;
    if (r.right > pane.right - 8) dx = pane.right - 8 - r.right;
    if (r.left + dx < pane.left + 8) dx = pane.left + 8 - r.left;
    const dy = openAbove ? label.top - 4 - r.height - r.top : 0;
    el.style.translate = `${dx / zoom}px ${dy / zoom}px`;
  });
  return <div ref={ref} className="bps-edge-popover" data-testid={`edge-details-${id}`}>{children}</div>;
}

/** An edge of an opened module's inside names the run result it shows (null: none); it selects nothing in the document. */
export type InsideEdgeData = { resultKey: string | null };

const GradientEdge = memo(function GradientEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } = props;
  const inside = props.data !== undefined && 'resultKey' in props.data;
  // Results, the step reveal and the label preparer are keyed by the run's flat edge id.
  const key = inside ? (props.data as InsideEdgeData).resultKey : id;
  const result = useRun((s) => (key === null ? undefined : edgeLabelResult(s, key)));
  const stale = useRun((s) => s.stale);
  const mode = useView((s) => s.labelMode);
  const scale = useLayout((s) => textScale(s.textSize));
  const hovered = useView((s) => s.hoveredEdge === id);
  const setHovered = useView((s) => s.setHoveredEdge);
  const labelRef = useRef<HTMLDivElement>(null);
  useDismiss(hovered, labelRef, closePopover);
  const inLoop = useDocument((s) => s.refusal?.edgeIds.includes(id) ?? false);
  const select = useDocument((s) => s.select);
  const reveal = useReveal();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const labelShown = useStore((s) => labelInView(s, labelX, labelY));
  const hasLabel = !!result && labelShown;
  const { labels } = useServices();
  useEffect(() => (hasLabel && key !== null ? labels.mount(key) : undefined), [labels, key, hasLabel]);

  const showValue = !!result && (mode === 'both' || mode === 'values') && (!reveal || reveal.values.has(key ?? id));
  const showGrad = !!result && (mode === 'both' || mode === 'gradients') && (!reveal || reveal.grads.has(key ?? id));
  const gradKnown = !!result && (!reveal || reveal.grads.has(key ?? id));
  const norm = result && gradKnown ? tensorNorm(result.grad) : null;
  const style = norm === null ? null : gradientStyle(norm);
  const current = reveal?.current?.edgeIds.includes(key ?? id) ?? false;
  const valueText = showValue ? tensorSummary(result.value) : null;
  const gradText = showGrad ? gradLabelText(result.grad, showValue) : null;
  const room = Math.abs(targetX - sourceX) - 2 * LABEL_NODE_GAP;
  const width = labelWidth([valueText ?? '', gradText ?? ''], scale);
  const { transform, lift } = placeLabel({ labelX, labelY, sourceX, sourceY, targetY }, !(valueText || gradText) || width <= room);
  const classes = ['bps-edge', stale ? 'stale' : '', inLoop ? 'in-loop' : '', current ? `step-current step-${reveal?.current?.phase}` : '', style?.flag ? `flag-${style.flag}` : ''];

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes.filter(Boolean).join(' ')}
        markerEnd={current ? 'url(#bps-step-arrow)' : undefined}
        style={{ stroke: inLoop ? undefined : style?.stroke, strokeWidth: (style?.strokeWidth ?? 1.5) + (selected ? 1 : 0) }}
        interactionWidth={16}
      />
      {result && hasLabel ? (
        <EdgeLabelRenderer>
          <div
            className={`bps-edge-label nodrag nopan${lift ? ' lifted' : ''}${stale ? ' stale' : ''}${selected ? ' selected' : ''}${current ? ' step-current' : ''}${!showValue && !showGrad ? ' empty' : ''}`}
            ref={labelRef}
            // Above the line, so the edge's colour and the handles next to it stay visible.
            style={{ transform, maxWidth: MAX_LABEL_WIDTH, ['--lift' as string]: `${lift}px` }}
            title={hovered ? undefined : LABEL_TITLE}
            data-testid={`edge-label-${id}`}
            data-value={tensorJson(result.value)}
            data-grad={tensorJson(result.grad)}
            onMouseEnter={() => setHovered(id)}
            onMouseLeave={() => setHovered(null)}
            // The inspector shows the same tables once the edge is selected: the popover closes.
            onClick={() => { if (!inside) select([], [id]); setHovered(null); }}
          >
            {valueText !== null ? <div className="v">{valueText}</div> : null}
            {gradText !== null ? <div className="g">{gradText}</div> : null}
            {style?.flag ? <div className={`flag ${style.flag}`}>{style.flag}</div> : null}
            {hovered ? (
              <EdgePopover id={id}>
                {showValue || !reveal ? <TensorTable t={result.value} title={`${nodeSymbols(useDocument.getState().graph, props.source).out.text} (value)`} /> : null}
                {showGrad || !reveal ? <TensorTable t={result.grad} title={`${gradOf(nodeSymbols(useDocument.getState().graph, props.source).out)} (gradient of this input)`} /> : null}
              </EdgePopover>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

function closePopover(): void {
  useView.getState().setHoveredEdge(null);
}

export const edgeTypes: EdgeTypes = { gradient: GradientEdge };
