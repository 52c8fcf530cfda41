// The step-through is what students read: the order must be the engine's, the revealed edges must
// follow the rule, and the equations must show the engine's numbers, which must match the slides.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { texNumber } from '../../../interop/notation/format.ts';
import { buildTimeline, type Step } from '../../../renderer/math/step-timeline.ts';
import { everyKindGraph, lectureGraph, run } from './fixtures.ts';

const σ = (v: number): number => 1 / (1 + Math.exp(-v));

/** Numbers in a piece of TeX, "-1.2\times10^{-3}" included, in order. */
function texNumbers(tex: string): number[] {
  return [...tex.matchAll(/(?<![_^{\w])(-?\d+(?:\.\d+)?)(?:\\times10\^\{(-?\d+)\})?/g)].map((m) => Number(`${m[1]}e${m[2] ?? 0}`));
}

const stepOf = (steps: Step[], phase: Step['phase'], nodeId: string): Step => {
  const s = steps.find((x) => x.phase === phase && x.nodeId === nodeId);
  if (!s) throw new Error(`no ${phase} step for ${nodeId}`);
  return s;
};
/** The one line of a multi-line step that starts with `lhs`. */
const lineOf = (tex: string, lhs: string): string => {
  const line = tex.replace(/\\begin\{gathered\}|\\end\{gathered\}/g, '').split(' \\\\[4pt] ').find((l) => l.startsWith(lhs));
  if (!line) throw new Error(`no line starting with ${lhs} in ${tex}`);
  return line;
};
const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(5e-4 * Math.abs(b));

describe('buildTimeline on the lecture example', () => {
  const graph = lectureGraph();
  const results = run(graph);
  const steps = buildTimeline(graph, results);
  // The slide's worked example, recomputed here from its own formulas (not from the engine).
  const h0 = 1.5, w1 = 0.8, w2 = -1.2, yStar = 0.25;
  const h1 = σ(w1 * h0), h2 = σ(w2 * h1);
  const dLdh2 = h2 - yStar, dLdw2 = dLdh2 * h2 * (1 - h2) * h1;

  it('walks forward in topological order, then backward in reverse', () => {
    expect(steps.map((s) => s.index)).toEqual(steps.map((_s, i) => i));
    expect(steps.filter((s) => s.phase === 'forward').map((s) => s.nodeId)).toEqual(results.order);
    expect(steps.filter((s) => s.phase === 'backward').map((s) => s.nodeId)).toEqual(['loss', 'h2', 'w2', 'h1', 'w1', 'y', 'x']);
  });

  it('shows dL/dw2 = dL/dh2 · h2(1 − h2) · h1 with the engine numbers', () => {
    const line = lineOf(stepOf(steps, 'backward', 'w2').tex, '\\frac{\\partial L}{\\partial w_{2}}');
    expect(line).toContain('\\frac{\\partial L}{\\partial h_{2}}\\,h_{2}(1-h_{2})\\,h_{1}');
    const r = results.nodes;
    for (const v of [r.h2!.grad.data[0]!, r.h2!.output.data[0]!, r.h1!.output.data[0]!, r.w2!.params.W!.grad.data[0]!]) {
      expect(line).toContain(texNumber(v));
    }
    close(r.w2!.params.W!.grad.data[0]!, 0.0053978);
  });

  it('displays the values of the slide formulas', () => {
    const line = lineOf(stepOf(steps, 'backward', 'w2').tex, '\\frac{\\partial L}{\\partial w_{2}}');
    const [dh2, h2a, h2b, h1v, result] = texNumbers(line.split(' = ').slice(2).join(' = ')).filter((v) => v !== 1);
    close(dh2!, dLdh2); close(h2a!, h2); close(h2b!, h2); close(h1v!, h1); close(result!, dLdw2);
    const fwd = texNumbers(stepOf(steps, 'forward', 'h1').tex.split(' = ').slice(2).join(' = '));
    expect(fwd).toHaveLength(4); // σ(0.8 · 1.5) = σ(1.2) = 0.7685
    close(fwd[0]!, w1); close(fwd[1]!, h0); close(fwd[2]!, w1 * h0); close(fwd[3]!, h1);
    const loss = texNumbers(lineOf(stepOf(steps, 'backward', 'loss').tex, '\\frac{\\partial L}{\\partial h_{2}}'));
    close(loss.at(-1)!, dLdh2);
  });

  it('writes the sigmoid step as dL/dz = dL/dh · h(1 − h)', () => {
    const line = lineOf(stepOf(steps, 'backward', 'h2').tex, '\\frac{\\partial L}{\\partial z_{2}}');
    const nums = texNumbers(line).filter((v) => v !== 1);
    close(nums.at(-1)!, dLdh2 * h2 * (1 - h2));
    expect(line).toContain(`= ${texNumber(results.nodes.w2!.grad.data[0]!)}`);
  });
});

describe('buildTimeline on a graph using every kind', () => {
  const graph = everyKindGraph();
  const results = run(graph);
  const steps = buildTimeline(graph, results);

  it('puts every node forward once and every node reaching a loss backward, data nodes last', () => {
    expect(steps.filter((s) => s.phase === 'forward').map((s) => s.nodeId)).toEqual(results.order);
    const back = steps.filter((s) => s.phase === 'backward').map((s) => s.nodeId);
    expect(back).not.toContain('dead');
    const dataIds = ['x', 't3', 'y', 'tb'];
    expect(back.slice(-dataIds.length).sort()).toEqual([...dataIds].sort());
    const compute = back.slice(0, -dataIds.length);
    const reversed = [...results.order].reverse().filter((id) => compute.includes(id));
    expect(compute).toEqual(reversed);
    expect(compute).toHaveLength(results.order.length - dataIds.length - 1);
  });

  it('reveals outgoing edges going forward and incoming edges going backward', () => {
    for (const s of steps) {
      const expected = s.phase === 'forward'
        ? graph.edges.filter((e) => e.source === s.nodeId)
        : graph.edges.filter((e) => e.target === s.nodeId);
      expect([...s.edgeIds].sort(), `${s.phase} ${s.nodeId}`).toEqual(expected.map((e) => e.id).sort());
    }
  });

  it('produces TeX that KaTeX accepts for every step', () => {
    for (const s of steps) {
      expect(() => katex.renderToString(s.tex, { throwOnError: true, strict: 'error' }), `${s.phase} ${s.nodeId}: ${s.tex}`).not.toThrow();
    }
  });

  it('writes a fanned-out gradient as the sum of its consumers\' shares', () => {
    const tex = stepOf(steps, 'backward', 'x').tex;
    expect(tex.match(/\\Big\|_\{\\to /g)).toHaveLength(3); // l1, l2 and c; not the dead branch
    expect(tex).toContain(texNumber(results.nodes.x!.grad.data[3]!));
  });

  it('writes bce_logits as −Σ[t log σ(z) + (1 − t) log(1 − σ(z))], its gradients as σ(z) − t and −z', () => {
    const fwd = stepOf(steps, 'forward', 'bl').tex;
    expect(fwd).toContain('\\log \\sigma(');
    expect(fwd).toContain('\\tfrac{1}{2}'); // mean over the batch of 2
    expect(fwd.endsWith(texNumber(results.nodes.bl!.output.data[0]!))).toBe(true);
    const back = stepOf(steps, 'backward', 'bl').tex;
    expect(back).toMatch(/\\big\(\\sigma\(.+\) - /);
    expect(back).toContain('= -\\tfrac{1}{2}');
  });

  it('summarises large tensors by shape and norm', () => {
    expect(stepOf(steps, 'forward', 'c').tex).toMatch(/\\left\[2\\times 5\\right\]_\{\\lVert\\cdot\\rVert=/);
  });
});

describe('buildTimeline edge cases', () => {
  it('has only forward steps when the graph has no loss', () => {
    const graph = { name: 'no loss', nodes: [{ id: 'x', kind: 'input', value: { shape: [1, 1], data: [2] } }, { id: 'h', kind: 'tanh' }],
      edges: [{ id: 'e', source: 'x', sourcePort: 'out', target: 'h', targetPort: 'in' }] };
    const steps = buildTimeline(graph, run(graph));
    expect(steps.map((s) => s.phase)).toEqual(['forward', 'forward']);
    expect(steps[1]!.tex).toBe(`h = \\tanh(x) = \\tanh(2) = ${texNumber(Math.tanh(2))}`);
  });

  it('degrades to a note instead of throwing when results are stale', () => {
    const graph = lectureGraph();
    const results = run(graph);
    const stale = { ...results, edges: {} };
    const steps = buildTimeline(graph, stale);
    expect(steps).toHaveLength(buildTimeline(graph, results).length);
    expect(stepOf(steps, 'forward', 'h1').tex).toContain('no values');
  });
});
