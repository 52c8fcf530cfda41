// The step panel's structure and accessible names are what e2e tests and screen readers rely on;
// its index arithmetic (clamping, arrow keys) is checked directly since there is no DOM here.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { clampStep, equationLines, indexAfterKey, StepPanel } from '../../../renderer/panels/step/StepPanel.tsx';
import { lectureGraph, run } from './fixtures.ts';

const graph = lectureGraph();
const steps = buildTimeline(graph, run(graph));
const render = (index: number, list = steps): string => renderToString(<StepPanel steps={list} index={index} onIndexChange={() => {}} />);
const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
const dataTex = (html: string): string => unescape(/data-testid="step-equation" data-tex="([^"]*)"/.exec(html)![1]!);
const ariaNames = (html: string): string[] => [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);

describe('StepPanel', () => {
  it('shows position, phase, title and the KaTeX-rendered equation with its raw TeX', () => {
    const i = steps.findIndex((s) => s.phase === 'backward' && s.nodeId === 'w2');
    const html = render(i);
    expect(html).toContain('data-testid="step-panel"');
    expect(html).toMatch(new RegExp(`Step (<!-- -->)?${i + 1}(<!-- -->)? / (<!-- -->)?${steps.length}`));
    expect(html).toContain('Backward');
    expect(html).toContain(steps[i]!.title);
    expect(dataTex(html)).toBe(steps[i]!.tex);
    expect(html).toContain('class="katex');
    expect(html).not.toContain('katex-error');
  });

  it('names every control as the e2e tests expect', () => {
    const names = ariaNames(render(0));
    for (const n of ['Jump to start', 'Step back', 'Play', 'Step forward', 'Jump to end', 'Step']) expect(names).toContain(n);
    expect(render(0)).toMatch(/<input[^>]*type="range"[^>]*aria-label="Step"/);
  });

  it('has a Play speed control, one second per step by default (issue 10.15)', () => {
    const html = render(0);
    expect(ariaNames(html)).toContain('Play speed');
    expect(html).toMatch(/<option value="1000" selected="">1 s<!-- --> per step<\/option>|<option value="1000" selected="">1 s per step<\/option>/);
    expect(html).toContain('4 s');
  });

  it('clamps an out-of-range index to the last step and disables moving past it', () => {
    const html = render(99);
    expect(dataTex(html)).toBe(steps.at(-1)!.tex);
    expect(html).toMatch(/aria-label="Jump to end"[^>]*disabled/);
    expect(html).toMatch(/aria-label="Step forward"[^>]*disabled/);
    expect(html).not.toMatch(/aria-label="Step back"[^>]*disabled/);
  });

  it('renders an empty timeline without controls that do anything', () => {
    const html = render(3, []);
    expect(html).toMatch(/Step (<!-- -->)?0(<!-- -->)? \/ (<!-- -->)?0/);
    expect(dataTex(html)).toBe('');
    for (const n of ['Jump to start', 'Step back', 'Play', 'Step forward', 'Jump to end']) expect(html).toMatch(new RegExp(`aria-label="${n}"[^>]*disabled`));
  });

  it('clamps and rounds indices', () => {
    expect(clampStep(-3, 5)).toBe(0);
    expect(clampStep(7, 5)).toBe(4);
    expect(clampStep(2.4, 5)).toBe(2);
    expect(clampStep(NaN, 5)).toBe(0);
    expect(clampStep(3, 0)).toBe(0);
  });

  it('moves one step per arrow key and not past either end', () => {
    expect(indexAfterKey('ArrowRight', 2, 5)).toBe(3);
    expect(indexAfterKey('ArrowLeft', 2, 5)).toBe(1);
    expect(indexAfterKey('ArrowRight', 4, 5)).toBeNull();
    expect(indexAfterKey('ArrowLeft', 0, 5)).toBeNull();
    expect(indexAfterKey('Enter', 2, 5)).toBeNull();
    expect(indexAfterKey('ArrowRight', 0, 0)).toBeNull();
  });

  it('jumps to the first step on Home and the last on End (issue 10.15)', () => {
    expect(indexAfterKey('Home', 3, 5)).toBe(0);
    expect(indexAfterKey('End', 1, 5)).toBe(4);
    expect(indexAfterKey('Home', 0, 5)).toBeNull();
    expect(indexAfterKey('End', 4, 5)).toBeNull();
  });

  it('splits a multi-line equation into lines that can each wrap (issue 10.17)', () => {
    expect(equationLines('a = 1')).toEqual(['a = 1']);
    expect(equationLines('\\begin{gathered}a = 1 \\\\[4pt] b = 2\\end{gathered}')).toEqual(['a = 1', 'b = 2']);
  });
});
