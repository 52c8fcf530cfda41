// An edge that shows what flows along it: the forward value and dL/d(that input). Colour and width
// encode the gradient's magnitude; the label carries the exact numbers as JSON for tests.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps, type EdgeTypes, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { TensorTable } from '../../panels/TensorDetails.tsx';
import { useDocument } from '../../store/document-store.ts';
import { useRun } from '../../store/run-store.ts';
import { useView } from '../../store/view-store.ts';
import { gradientStyle } from '../../math/gradient-scale.ts';
import { mountedLabels, tensorJson, tensorNorm, tensorSummary } from '../label-text.ts';
import { CULL_ABOVE } from '../derive.ts';
import { useReveal } from '../step-state.ts';

/** How far outside the pane (screen px) labels are still rendered, so panning shows them at once. */
const LABEL_MARGIN_PX = 240;

function labelInView(s: ReactFlowState, x: number, y: number): boolean {
  if (s.edges.length <= CULL_ABOVE || !s.width || !s.height) return true;
  const [tx, ty, zoom] = s.transform;
  const sx = x * zoom + tx, sy = y * zoom + ty;
  return sx > -LABEL_MARGIN_PX && sx < s.width + LABEL_MARGIN_PX && sy > -LABEL_MARGIN_PX && sy < s.height + LABEL_MARGIN_PX;
}

const GradientEdge = memo(function GradientEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } = props;
  const result = useRun((s) => s.results?.edges[id]);
  const stale = useRun((s) => s.stale);
  const mode = useView((s) => s.labelMode);
  const hovered = useView((s) => s.hoveredEdge === id);
  const setHovered = useView((s) => s.setHoveredEdge);
  const inLoop = useDocument((s) => s.refusal?.edgeIds.includes(id) ?? false);
  const select = useDocument((s) => s.select);
  const reveal = useReveal();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const labelShown = useStore((s) => labelInView(s, labelX, labelY));
  const hasLabel = !!result && labelShown;
  useEffect(() => {
    if (!hasLabel) return;
    mountedLabels.add(id);
    return () => { mountedLabels.delete(id); };
  }, [id, hasLabel]);

  const showValue = !!result && (mode === 'both' || mode === 'values') && (!reveal || reveal.values.has(id));
  const showGrad = !!result && (mode === 'both' || mode === 'gradients') && (!reveal || reveal.grads.has(id));
  const gradKnown = !!result && (!reveal || reveal.grads.has(id));
  const norm = result && gradKnown ? tensorNorm(result.grad) : null;
  const style = norm === null ? null : gradientStyle(norm);
  const current = reveal?.current?.edgeIds.includes(id) ?? false;
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
            className={`bps-edge-label nodrag nopan${stale ? ' stale' : ''}${selected ? ' selected' : ''}${current ? ' step-current' : ''}${!showValue && !showGrad ? ' empty' : ''}`}
            // Above the line, so the edge's colour and the handles next to it stay visible.
            style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 3}px)` }}
            data-testid={`edge-label-${id}`}
            data-value={tensorJson(result.value)}
            data-grad={tensorJson(result.grad)}
            onMouseEnter={() => setHovered(id)}
            onMouseLeave={() => setHovered(null)}
            onClick={() => select([], [id])}
          >
            {showValue ? <div className="v" title="forward value">{tensorSummary(result.value)}</div> : null}
            {showGrad ? <div className="g" title="gradient dL/d(input)">∂ {tensorSummary(result.grad)}</div> : null}
            {style?.flag ? <div className={`flag ${style.flag}`}>{style.flag}</div> : null}
            {hovered ? (
              <div className="bps-edge-popover" data-testid={`edge-details-${id}`}>
                {showValue || !reveal ? <TensorTable t={result.value} title="value" /> : null}
                {showGrad || !reveal ? <TensorTable t={result.grad} title="gradient dL/d(input)" /> : null}
              </div>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const edgeTypes: EdgeTypes = { gradient: GradientEdge };
