// The graph as a figure: one SVG string drawn from the document (node positions, names), the run's
// results (values and gradients on the edges, parameter gradients and the loss on the nodes) and
// optionally the Step mode's current step, in the canvas's light colours. Every word and number is a
// real <text> element, written by the same functions as the canvas (interop/notation/). The app's
// File → Export figure… and the CLI's `export --to svg|png` both call `drawFigure`; the PNG is this
// SVG rasterised (a canvas in the browser, resvg in the CLI).
//
// Geometry follows the canvas's CSS (renderer/styles.css: a node is 84 px wide at least, a 4 px
// top border in its family's colour, 18 px rows; labels 14 px monospace) with text widths estimated
// per character, since a pure module cannot measure text: the figure keeps the canvas's layout
// (the document's positions) and sizes each box to fit its own text.
import { layOut } from '../onnx/layout.ts';
import { isModuleKind, moduleOf, nodeInputPorts, OUTPUT_PORT, type Graph, type GraphNode, type RunResults } from '../../engine/index.ts';
import { tensorNorm } from '../notation/format.ts';
import { gradientStyle } from '../notation/gradient-scale.ts';
import { boundDataText } from '../notation/node-display.ts';
import { dataLine, gradLine, labelSummary, lossLine, nodeTitle, paramLines, shapeText } from '../notation/node-text.ts';
import { revealUpTo, stepOrder, type Reveal } from '../notation/steps.ts';
import { graphSymbols } from '../notation/symbols.ts';

export type FigureBackground = 'white' | 'transparent';
export type FigureLabels = 'both' | 'values' | 'gradients';

export interface FigureOptions {
  /** The run to show; without one the figure has the graph and no numbers. */
  readonly results?: RunResults | null;
  /** Step mode's step (0-based, as `stepOrder` counts): only what that step has revealed is shown, the step highlighted. */
  readonly step?: number;
  /** Pixels per canvas pixel (1 = the canvas at 100 %). */
  readonly scale?: number;
  readonly background?: FigureBackground;
  /** What the edge labels show, as the toolbar's label mode. */
  readonly labels?: FigureLabels;
}

export interface Figure {
  readonly svg: string;
  /** Size in pixels at the chosen scale (the SVG's width and height; a PNG's size). */
  readonly width: number;
  readonly height: number;
  /** How many steps the run has (Step mode's count). */
  readonly steps: number;
}

/** A figure that cannot be drawn as asked: the message says what to change. */
export class FigureError extends Error {
  override readonly name = 'FigureError';
}

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
/** Pixels of the largest PNG side (a 16384 px canvas is the browsers' common limit). */
export const MAX_FIGURE_PX = 16384;

/** The light theme (renderer/styles.css :root). */
export const FIGURE_COLOURS = {
  text: '#1d2330', muted: '#6b7385', border: '#d9dde5', nodeBg: '#ffffff', labelBg: 'rgba(255, 255, 255, 0.94)',
  accent: '#3461d1', step: '#e07b00', grad: '#b3402a', edge: '#b1b1b7', error: '#c62828',
  family: { data: '#2e7d32', layer: '#3461d1', activation: '#8e44ad', combine: '#00838f', loss: '#c0392b' } as Record<string, string>,
} as const;

const SANS = "'DejaVu Sans', Verdana, 'Segoe UI', Roboto, sans-serif";
const MONO = "'DejaVu Sans Mono', Menlo, Consolas, ui-monospace, monospace";
/** Average advance of a character in em (DejaVu's widths; narrower fonts leave a little room). */
const SANS_EM = 0.62, MONO_EM = 0.61;

const ROW = 18, HEAD = 24, TOP_BORDER = 4, PAD_X = 8, MIN_WIDTH = 84, MARGIN = 24;
/** As the canvas (GradientEdge.tsx): room kept beside nodes, how far a crowded label is lifted, when an edge bends. */
const LABEL_NODE_GAP = 6, LIFT_PX = 34, BEND_PX = 40;
const LABEL_FONT = 14, LABEL_LINE = 16.8, LABEL_PAD_X = 5, LABEL_PAD_Y = 2;

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
const num = (x: number): string => String(Math.round(x * 100) / 100);
const textWidth = (s: string, size: number, mono: boolean): number => [...s].length * size * (mono ? MONO_EM : SANS_EM);

function familyOf(node: GraphNode): string {
  if (!isModuleKind(node.kind)) return 'layer';
  const def = moduleOf(node.kind);
  return def.family === 'data' ? 'data' : def.isLoss ? 'loss' : def.family === 'activation' ? 'activation' : def.family === 'combine' ? 'combine' : 'layer';
}

interface Line { readonly text: string; readonly colour: string; readonly bold?: boolean; readonly testid: string }

interface Box {
  readonly node: GraphNode;
  readonly x: number; readonly y: number; readonly w: number; readonly h: number;
  readonly name: string; readonly title: string;
  readonly inputs: readonly string[];
  readonly shape: string;
  readonly extras: readonly Line[];
  readonly family: string;
  readonly current: boolean;
}

function nodeBox(graph: Graph, node: GraphNode, results: RunResults | null, reveal: Reveal | null, symbols: ReturnType<typeof graphSymbols>): Box {
  const { label, summary } = nodeTitle(node.kind, node.config);
  const title = `${label}${summary ? ` ${summary}` : ''}`;
  const name = symbols.get(node.id)?.name ?? node.id;
  const inputs = nodeInputPorts(node);
  const res = results?.nodes[node.id];
  const shape = res ? shapeText(res.output) : '?';
  const family = familyOf(node);
  const extras: Line[] = [];
  if (family === 'data') {
    const bound = boundDataText(graph, node);
    if (bound) extras.push({ text: bound, colour: FIGURE_COLOURS.family.data!, testid: 'bound' });
    else if (node.value) extras.push({ text: dataLine(node, node.value), colour: FIGURE_COLOURS.text, testid: 'data' });
  } else if (family === 'loss') {
    const loss = res?.output.data[0];
    const shown = loss !== undefined && (!reveal || reveal.computed.has(node.id));
    extras.push({ text: lossLine(shown ? loss : undefined), colour: FIGURE_COLOURS.family.loss!, bold: true, testid: 'loss' });
  } else if (node.params) {
    const showGrad = !reveal || reveal.backpropagated.has(node.id);
    for (const [param, t] of Object.entries(node.params)) {
      const sym = symbols.get(node.id)?.params[param]?.text ?? param;
      const lines = paramLines(sym, t, showGrad ? res?.params[param]?.grad : undefined);
      extras.push({ text: lines.value, colour: FIGURE_COLOURS.text, testid: `param-${param}` });
      extras.push({ text: lines.grad, colour: FIGURE_COLOURS.grad, testid: `param-grad-${param}` });
    }
  }
  const portsWidth = Math.max(0, ...inputs.map((p) => textWidth(p, 11.5, false))) + 10 + textWidth(OUTPUT_PORT, 11.5, false) + 4 * PAD_X;
  const w = Math.max(MIN_WIDTH,
    textWidth(name, 14, false) + PAD_X + textWidth(title, 14, false) * 1.05 + 2 * PAD_X,
    portsWidth,
    textWidth(shape, 13, true) + (node.name !== undefined ? textWidth(node.id, 13, true) + PAD_X : 0) + 2 * PAD_X,
    ...extras.map((l) => textWidth(l.text, 13, true) + 2 * PAD_X));
  const rows = Math.max(inputs.length, 1);
  const h = TOP_BORDER + HEAD + rows * ROW + ROW + extras.length * ROW + 4;
  return { node, x: node.position?.x ?? 0, y: node.position?.y ?? 0, w: Math.ceil(w), h, name, title, inputs, shape, extras, family, current: reveal?.current?.nodeId === node.id };
}

const portY = (box: Box, index: number): number => box.y + TOP_BORDER + HEAD + index * ROW + ROW / 2;

/** React Flow's bezier between a right-hand source handle and a left-hand target handle. */
function bezier(sx: number, sy: number, tx: number, ty: number): { d: string; mx: number; my: number } {
  const dist = tx - sx;
  const off = dist >= 0 ? 0.5 * dist : 0.25 * 25 * Math.sqrt(-dist);
  const c1x = sx + off, c2x = tx - off;
  const mx = sx * 0.125 + c1x * 0.375 + c2x * 0.375 + tx * 0.125;
  const my = sy * 0.125 + sy * 0.375 + ty * 0.375 + ty * 0.125;
  return { d: `M${num(sx)},${num(sy)} C${num(c1x)},${num(sy)} ${num(c2x)},${num(ty)} ${num(tx)},${num(ty)}`, mx, my };
}

/** The figure of `graph`. Throws FigureError for a step outside the run or a scale out of range. */
export function drawFigure(graph: Graph, options: FigureOptions = {}): Figure {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) throw new FigureError(`scale ${scale}: expected a number from ${MIN_SCALE} to ${MAX_SCALE}`);
  const results = options.results ?? null;
  const steps = results ? stepOrder(graph, results) : [];
  let reveal: Reveal | null = null;
  if (options.step !== undefined) {
    if (!results) throw new FigureError('a step needs a run: the graph has no results to step through');
    if (!Number.isInteger(options.step) || options.step < 0 || options.step >= steps.length) {
      throw new FigureError(`step ${options.step + 1} is not in this run: it has ${steps.length} steps (1 to ${steps.length})`);
    }
    reveal = revealUpTo(steps, options.step);
  }
  const labelsMode = options.labels ?? 'both';
  const symbols = graphSymbols(graph);
  // A document without positions (written by hand or by a script) is laid out as an import is.
  if (graph.nodes.some((n) => !n.position)) graph = { ...graph, nodes: layOut(graph).nodes.map((n, i) => graph.nodes[i]!.position ? graph.nodes[i]! : n) };
  const boxes = new Map(graph.nodes.map((n) => [n.id, nodeBox(graph, n, results, reveal, symbols)]));
  const C = FIGURE_COLOURS;

  const edgeSvg: string[] = [], labelSvg: string[] = [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const grow = (x0: number, y0: number, x1: number, y1: number): void => {
    minX = Math.min(minX, x0); minY = Math.min(minY, y0); maxX = Math.max(maxX, x1); maxY = Math.max(maxY, y1);
  };
  for (const b of boxes.values()) grow(b.x - 6, b.y - 6, b.x + b.w + 6, b.y + b.h + 6);

  for (const e of graph.edges) {
    const s = boxes.get(e.source), t = boxes.get(e.target);
    if (!s || !t) continue;
    const sx = s.x + s.w, sy = portY(s, 0);
    const port = Math.max(0, t.inputs.indexOf(e.targetPort));
    const tx = t.x, ty = portY(t, port);
    const { d, mx, my } = bezier(sx, sy, tx, ty);
    const r = results?.edges[e.id];
    const current = reveal?.current?.edgeIds.includes(e.id) ?? false;
    const gradKnown = !!r && (!reveal || reveal.grads.has(e.id));
    const style = r && gradKnown ? gradientStyle(tensorNorm(r.grad.data)) : null;
    const stroke = current ? C.step : style?.stroke ?? C.edge;
    edgeSvg.push(`<path data-edge="${esc(e.id)}" d="${d}" fill="none" stroke="${stroke}" stroke-width="${style?.strokeWidth ?? 1.5}"${current ? ' marker-end="url(#bps-step-arrow)"' : ''}/>`);
    if (!r) continue;
    const showValue = (labelsMode === 'both' || labelsMode === 'values') && (!reveal || reveal.values.has(e.id));
    const showGrad = (labelsMode === 'both' || labelsMode === 'gradients') && gradKnown;
    const lines: { text: string; colour: string; kind: string }[] = [];
    if (showValue) lines.push({ text: labelSummary(r.value), colour: C.text, kind: 'value' });
    if (showGrad) lines.push({ text: gradLine(r.grad, showValue), colour: C.grad, kind: 'grad' });
    if (lines.length === 0) continue;
    const w = Math.max(...lines.map((l) => textWidth(l.text, LABEL_FONT, true))) + 2 * LABEL_PAD_X;
    const h = lines.length * LABEL_LINE + 2 * LABEL_PAD_Y;
    // Placed as the canvas places it (GradientEdge's placeLabel): above the middle when it fits between
    // the nodes, beside the source's handle on a bending edge, else lifted above the nodes with a leader line.
    let lx = mx - w / 2, ly = my - 3 - h, leader = '';
    if (w > Math.abs(tx - sx) - 2 * LABEL_NODE_GAP) {
      if (Math.abs(ty - sy) > BEND_PX) {
        const down = ty > sy;
        lx = sx + 8; ly = down ? sy - 5 - h : sy + 5;
      } else {
        ly -= LIFT_PX;
        leader = `<line x1="${num(mx)}" y1="${num(ly + h)}" x2="${num(mx)}" y2="${num(my)}" stroke="${C.muted}" stroke-dasharray="3 3"/>`;
      }
    }
    grow(lx, ly, lx + w, ly + h);
    const cx = lx + w / 2;
    const texts = lines.map((l, i) => `<text data-edge-${l.kind}="${esc(e.id)}" x="${num(cx)}" y="${num(ly + LABEL_PAD_Y + (i + 0.78) * LABEL_LINE)}" text-anchor="middle" font-family="${MONO}" font-size="${LABEL_FONT}" fill="${l.colour}">${esc(l.text)}</text>`);
    labelSvg.push(`<g data-label="${esc(e.id)}">${leader}<rect x="${num(lx)}" y="${num(ly)}" width="${num(w)}" height="${num(h)}" rx="4" fill="${C.labelBg}" stroke="${current ? C.step : C.border}" stroke-width="${current ? 2 : 1}"/>${texts.join('')}</g>`);
  }

  const nodeSvg: string[] = [];
  for (const b of boxes.values()) {
    const id = esc(b.node.id);
    const parts: string[] = [];
    if (b.current) parts.push(`<rect x="${num(b.x - 3.5)}" y="${num(b.y - 3.5)}" width="${num(b.w + 7)}" height="${num(b.h + 7)}" rx="8" fill="none" stroke="${C.step}" stroke-width="3"/>`);
    parts.push(`<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" rx="6" fill="${C.nodeBg}" stroke="${C.border}"/>`);
    parts.push(`<path d="M${num(b.x)},${num(b.y + 6)} a6,6 0 0 1 6,-6 h${num(b.w - 12)} a6,6 0 0 1 6,6 v${num(TOP_BORDER - 6)} h${num(-b.w)} z" fill="${C.family[b.family] ?? C.accent}"/>`);
    const headY = b.y + TOP_BORDER + 17;
    parts.push(`<text data-node-name="${id}" x="${num(b.x + PAD_X)}" y="${num(headY)}" font-family="${SANS}" font-size="14" fill="${C.text}">${esc(b.name)}</text>`);
    parts.push(`<text data-node-title="${id}" x="${num(b.x + b.w - PAD_X)}" y="${num(headY)}" text-anchor="end" font-family="${SANS}" font-size="14" font-weight="600" fill="${C.text}">${esc(b.title)}</text>`);
    b.inputs.forEach((p, i) => {
      parts.push(`<text x="${num(b.x + PAD_X)}" y="${num(portY(b, i) + 4)}" font-family="${SANS}" font-size="11.5" fill="${C.muted}">${esc(p)}</text>`);
      parts.push(`<circle cx="${num(b.x)}" cy="${num(portY(b, i))}" r="5" fill="${C.accent}"/>`);
    });
    parts.push(`<text x="${num(b.x + b.w - PAD_X)}" y="${num(portY(b, 0) + 4)}" text-anchor="end" font-family="${SANS}" font-size="11.5" fill="${C.muted}">${OUTPUT_PORT}</text>`);
    parts.push(`<circle cx="${num(b.x + b.w)}" cy="${num(portY(b, 0))}" r="5" fill="${C.accent}"/>`);
    const shapeY = b.y + TOP_BORDER + HEAD + Math.max(b.inputs.length, 1) * ROW + 13;
    parts.push(`<text data-node-shape="${id}" x="${num(b.x + PAD_X)}" y="${num(shapeY)}" font-family="${MONO}" font-size="13" fill="${C.muted}">${esc(b.shape)}</text>`);
    if (b.node.name !== undefined) parts.push(`<text x="${num(b.x + b.w - PAD_X)}" y="${num(shapeY)}" text-anchor="end" font-family="${MONO}" font-size="13" fill="${C.muted}">${id}</text>`);
    b.extras.forEach((l, i) => {
      parts.push(`<text data-node-${l.testid}="${id}" x="${num(b.x + PAD_X)}" y="${num(shapeY + (i + 1) * ROW)}" font-family="${MONO}" font-size="13"${l.bold ? ' font-weight="600"' : ''} fill="${l.colour}">${esc(l.text)}</text>`);
    });
    nodeSvg.push(`<g data-node="${id}">${parts.join('')}</g>`);
  }

  if (!Number.isFinite(minX)) { minX = 0; minY = 0; maxX = 200; maxY = 100; }
  const vx = Math.floor(minX - MARGIN), vy = Math.floor(minY - MARGIN);
  const vw = Math.ceil(maxX + MARGIN) - vx, vh = Math.ceil(maxY + MARGIN) - vy;
  const width = Math.round(vw * scale), height = Math.round(vh * scale);
  if (Math.max(width, height) > MAX_FIGURE_PX) {
    throw new FigureError(`the figure would be ${width}×${height} px at scale ${scale}: at most ${MAX_FIGURE_PX} px a side, so choose a scale up to ${Math.floor((MAX_FIGURE_PX / Math.max(vw, vh)) * 100) / 100}`);
  }
  const title = graph.name ? `<title>${esc(graph.name)}</title>` : '';
  const bg = (options.background ?? 'white') === 'white' ? `<rect x="${vx}" y="${vy}" width="${vw}" height="${vh}" fill="#ffffff"/>` : '';
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${vx} ${vy} ${vw} ${vh}">`,
    title,
    `<defs><marker id="bps-step-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${C.step}"/></marker></defs>`,
    bg,
    `<g class="edges">${edgeSvg.join('')}</g>`,
    `<g class="nodes">${nodeSvg.join('')}</g>`,
    `<g class="labels">${labelSvg.join('')}</g>`,
    '</svg>',
  ].filter(Boolean).join('\n') + '\n';
  return { svg, width, height, steps: steps.length };
}
