// A windowed graph zoomed out past reading (node-window.ts): every node as a box with its family's
// colour and every edge as a line, drawn on one <canvas> over the pane instead of thousands of React
// nodes. The pane under it still pans and zooms; zooming in brings the real nodes of the view back.
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { nodeBoxes } from '../layout/free-spot.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { familyOf } from './derive.ts';

const FAMILY_VAR: Record<string, string> = { data: '--data', layer: '--layer', activation: '--activation', combine: '--combine', loss: '--loss', composite: '--layer' };
const paneSize = (s: ReactFlowState): string => `${s.width}x${s.height}`;
const transformOf = (s: ReactFlowState): readonly [number, number, number] => s.transform;

export function OverviewCanvas() {
  const graph = useDocument((s) => s.graph);
  const selected = useDocument((s) => s.selectedNodes);
  const measured = useView((s) => s.measured);
  const theme = useView((s) => s.theme);
  const [width, height] = useStore(paneSize).split('x').map(Number) as [number, number];
  const [tx, ty, zoom] = useStore(transformOf);
  const ref = useRef<HTMLCanvasElement>(null);
  const boxes = useMemo(() => {
    const list = nodeBoxes(graph.nodes, measured);
    return { list, byId: new Map(graph.nodes.map((n, i) => [n.id, list[i]!])) };
  }, [graph, measured]);
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;

  useEffect(() => {
    const canvas = ref.current, ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const css = getComputedStyle(canvas);
    const colour = (name: string): string => css.getPropertyValue(name).trim() || '#888';
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
    ctx.lineWidth = 1 / zoom;
    ctx.strokeStyle = colour('--muted');
    ctx.beginPath();
    for (const e of graph.edges) {
      const a = boxes.byId.get(e.source), b = boxes.byId.get(e.target);
      if (!a || !b) continue;
      ctx.moveTo(a.x + a.width, a.y + a.height / 2);
      ctx.lineTo(b.x, b.y + b.height / 2);
    }
    ctx.stroke();
    ctx.fillStyle = colour('--node-bg');
    ctx.beginPath();
    for (const b of boxes.list) ctx.rect(b.x, b.y, b.width, b.height);
    ctx.fill();
    ctx.strokeStyle = colour('--border');
    ctx.stroke();
    // The family's band along the top, as the node's border-top.
    const bands = new Map<string, Path2D>();
    graph.nodes.forEach((n, i) => {
      const b = boxes.list[i]!, family = familyOf(n.kind);
      let path = bands.get(family);
      if (!path) bands.set(family, (path = new Path2D()));
      path.rect(b.x, b.y, b.width, Math.min(b.height, 8));
    });
    for (const [family, path] of bands) { ctx.fillStyle = colour(FAMILY_VAR[family] ?? '--layer'); ctx.fill(path); }
    ctx.strokeStyle = colour('--accent');
    ctx.lineWidth = 3 / zoom;
    ctx.beginPath();
    for (const id of selected) { const b = boxes.byId.get(id); if (b) ctx.rect(b.x, b.y, b.width, b.height); }
    ctx.stroke();
  }, [graph, boxes, selected, tx, ty, zoom, width, height, ratio, theme]);

  return <canvas ref={ref} className="bps-overview" data-testid="canvas-overview" aria-hidden="true" width={Math.round(width * ratio)} height={Math.round(height * ratio)} style={{ width, height }} />;
}
