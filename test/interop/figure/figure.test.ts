// The figure export's SVG read back as text: every word and number is a <text> element, and they are
// the run's numbers as the canvas writes them (the lecture's ∂L/∂w₁ = −0.00225), the Step mode's reveal,
// the scale and the background.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, type Graph, type RunResults } from '../../../engine/index.ts';
import { drawFigure, FigureError } from '../../../interop/index.ts';
import { formatNumber } from '../../../interop/notation/format.ts';
import { stepOrder } from '../../../interop/notation/steps.ts';

const lecture = parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));

function run(graph: Graph): RunResults {
  const p = compileGraph(graph);
  p.run();
  return p.results();
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Every <text> element: its attributes and its content. */
function texts(svg: string): { attrs: string; text: string }[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => ({ attrs: m[1]!, text: unescape(m[2]!) }));
}
const textOf = (svg: string, attr: string, id: string): string[] => texts(svg).filter((t) => t.attrs.includes(`${attr}="${id}"`)).map((t) => t.text);

describe('drawFigure', () => {
  const results = run(lecture);
  const fig = drawFigure(lecture, { results });

  it('writes node names, titles and the lecture\'s parameter gradients as <text>', () => {
    expect(fig.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(fig.svg).not.toMatch(/<image|<foreignObject/);
    for (const n of lecture.nodes) expect(textOf(fig.svg, 'data-node-name', n.id)).toEqual([n.id]);
    expect(textOf(fig.svg, 'data-node-title', 'w1')).toEqual(['Linear 1→1']);
    expect(textOf(fig.svg, 'data-node-param-W', 'w1')).toEqual(['w₁ = 0.8']);
    // ∂L/∂w1 = −0.00225 and ∂L/∂w2 = 0.0054: the lecture's hand-worked numbers, from the run.
    expect(textOf(fig.svg, 'data-node-param-grad-W', 'w1')).toEqual(['∂L/∂w₁ = −0.00225']);
    expect(textOf(fig.svg, 'data-node-param-grad-W', 'w2')).toEqual(['∂L/∂w₂ = 0.0054']);
    expect(results.nodes.w1!.params.W!.grad.data[0]).toBeCloseTo(-0.00225, 5);
    expect(textOf(fig.svg, 'data-node-data', 'x')).toEqual(['x = 1.5']);
    expect(textOf(fig.svg, 'data-node-loss', 'loss')).toEqual([`L = ${formatNumber(results.loss!, 6)}`]);
  });

  it('labels every edge with its value and gradient from the run', () => {
    for (const e of lecture.edges) {
      const r = results.edges[e.id]!;
      expect(textOf(fig.svg, 'data-edge-value', e.id)).toEqual([formatNumber(r.value.data[0]!)]);
      expect(textOf(fig.svg, 'data-edge-grad', e.id)).toEqual([`∂\u00a0${formatNumber(r.grad.data[0]!)}`]);
    }
    // dL/dh1 on the edge into w2 (h1 = σ(1.2) = 0.7685, then −1.2 · σ'(…) · (h2 − y*)).
    expect(textOf(fig.svg, 'data-edge-value', 'e-h1-w2')).toEqual(['0.7685']);
  });

  it('colours each edge by its gradient as the canvas does, and has a white background by default', () => {
    expect(fig.svg).toMatch(/<path data-edge="e-x-w1" d="[^"]+" fill="none" stroke="#[0-9a-f]{6}" stroke-width="[\d.]+"/);
    expect(fig.svg).toContain('fill="#ffffff"/>');
    expect(drawFigure(lecture, { results, background: 'transparent' }).svg).not.toContain('fill="#ffffff"/>\n<g class="edges">');
  });

  it('scales the size, not the drawing', () => {
    const twice = drawFigure(lecture, { results, scale: 2 });
    expect(twice.width).toBe(fig.width * 2);
    expect(twice.height).toBe(fig.height * 2);
    expect(twice.svg).toContain(`width="${fig.width * 2}" height="${fig.height * 2}"`);
    expect(/viewBox="([^"]+)"/.exec(twice.svg)![1]).toBe(/viewBox="([^"]+)"/.exec(fig.svg)![1]);
  });

  it('at a step shows only what that step has revealed, and highlights it', () => {
    const steps = stepOrder(lecture, results);
    const at = steps.findIndex((s) => s.phase === 'backward' && s.nodeId === 'w2');
    const svg = drawFigure(lecture, { results, step: at }).svg;
    expect(fig.steps).toBe(steps.length);
    expect(textOf(svg, 'data-node-param-grad-W', 'w2')).toEqual(['∂L/∂w₂ = 0.0054']);
    expect(textOf(svg, 'data-node-param-grad-W', 'w1')).toEqual(['∂L/∂w₁ = …']);
    expect(textOf(svg, 'data-edge-grad', 'e-h1-w2')).toHaveLength(1);
    expect(textOf(svg, 'data-edge-grad', 'e-x-w1')).toEqual([]);
    expect(textOf(svg, 'data-edge-value', 'e-x-w1')).toEqual(['1.5']);
    expect(svg).toMatch(/<path data-edge="e-h1-w2" d="[^"]+" fill="none" stroke="#e07b00"[^>]*marker-end/);
    const first = drawFigure(lecture, { results, step: 0 }).svg;
    expect(textOf(first, 'data-edge-value', 'e-x-w1')).toEqual(['1.5']);
    expect(textOf(first, 'data-edge-value', 'e-w1-h1')).toEqual([]);
    expect(textOf(first, 'data-node-loss', 'loss')).toEqual(['L = —']);
  });

  it('refuses a step outside the run and a scale out of range, saying the range', () => {
    expect(() => drawFigure(lecture, { results, step: 14 })).toThrow(new FigureError('step 15 is not in this run: it has 14 steps (1 to 14)'));
    expect(() => drawFigure(lecture, { step: 0 })).toThrow(FigureError);
    expect(() => drawFigure(lecture, { results, scale: 0 })).toThrow(/scale 0: expected a number from 0.25 to 8/);
  });

  it('escapes names and lays out a document without positions', () => {
    const named: Graph = { ...lecture, nodes: lecture.nodes.map((n) => (n.id === 'h1' ? { ...n, name: 'a<b & "c"' } : n)) };
    const svg = drawFigure(named, { results }).svg;
    expect(textOf(svg, 'data-node-name', 'h1')).toEqual(['a<b & "c"']);
    const unplaced: Graph = { ...lecture, nodes: lecture.nodes.map(({ position: _, ...n }) => n) };
    const xs = [...drawFigure(unplaced, { results }).svg.matchAll(/<text data-node-name="[^"]+" x="([\d.-]+)"/g)].map((m) => Number(m[1]));
    expect(new Set(xs).size).toBeGreaterThan(3);
  });
});
