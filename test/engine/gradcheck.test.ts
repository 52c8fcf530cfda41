// The gradient checker must fail on a wrong VJP (negative control) and pass on the real modules.
import { describe, expect, it } from 'vitest';
import { compileGraph, DEFAULT_ATOL, DEFAULT_EPSILON, DEFAULT_RTOL, gradientCheck, modules, type GradCheckTensor, type ModuleDef } from '../../engine/index.ts';
import { chainGraph, messyGraph, sampleGraphs } from './support/sample-graphs.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';

/** The real sigmoid with a vjp that uses y instead of y(1 − y). */
const brokenSigmoid: ModuleDef<unknown> = {
  ...(modules.sigmoid as unknown as ModuleDef<unknown>),
  vjp(f) {
    const gx = f.gradInputs[0];
    if (gx) for (let i = 0; i < gx.data.length; i++) gx.data[i] = f.gradOut.data[i]! * f.out.data[i]!;
  },
};

/** x → l1 → s (sigmoid) → l2 → mse(y), plus a side branch x → l3 → mse2 that avoids the sigmoid. */
const sigmoidGraph = () => graph([
  dataNode('x', 'input', 2, 2, [0.5, -1, 1.5, 0.25]),
  linearNode('l1', 2, 2, [0.3, -0.8, 1.1, 0.4], [0.1, -0.2]),
  opNode('s', 'sigmoid'),
  linearNode('l2', 2, 1, [0.7, -0.5], [0.05]),
  dataNode('y', 'target', 2, 1, [0.2, -0.4]),
  opNode('loss', 'mse'),
  linearNode('l3', 2, 1, [0.2, 0.9], [0]),
  opNode('loss2', 'mse'),
], [
  edge('x', 'l1', 'in'), edge('l1', 's', 'in'), edge('s', 'l2', 'in'), edge('l2', 'loss', 'pred'), edge('y', 'loss', 'target'),
  edge('x', 'l3', 'in'), edge('l3', 'loss2', 'pred'), edge('y', 'loss2', 'target'),
]);

/** How far off the worst entry of a tensor is, relative to its numeric value. */
const relativeOff = (t: GradCheckTensor): number => t.worst.error / Math.max(Math.abs(t.worst.numeric), 1e-12);

describe('gradientCheck', () => {
  it.each(Object.keys(sampleGraphs))('passes on the correct engine (%s graph)', (name) => {
    const report = gradientCheck(compileGraph(sampleGraphs[name]!()));
    expect(report.passed, JSON.stringify(report.nodes.filter((n) => n.verdict !== 'ok'))).toBe(true);
    // Every entry agrees, none excused by a kink (the sample graphs keep relu off 0), and the limit is torch's.
    expect(report.nodes.every((n) => n.verdict === 'ok')).toBe(true);
    expect(report.kinks).toBe(0);
    expect([report.atol, report.rtol]).toEqual([DEFAULT_ATOL, DEFAULT_RTOL]);
    for (const t of report.nodes.flatMap((n) => n.tensors)) expect(t.worst.error).toBeLessThan(1e-6 + 1e-6 * Math.abs(t.worst.numeric));
  });

  it('fails with a broken sigmoid vjp, exactly on the nodes whose gradient flows through it', () => {
    const report = gradientCheck(compileGraph(sigmoidGraph(), { modules: { sigmoid: brokenSigmoid } }));
    expect(report.passed).toBe(false);
    const failing = report.nodes.filter((n) => n.verdict === 'failed').map((n) => n.nodeId).sort();
    expect(failing).toEqual(['l1', 's', 'x']); // s itself (its input share) and what lies upstream of it
    expect(relativeOff(report.nodes.find((n) => n.nodeId === 'l1')!.tensors.find((t) => t.name === 'W')!)).toBeGreaterThan(0.01);
  });

  // The checker must *name* the broken node, even a parameter-free one: its input share fails while its
  // output gradient (computed downstream) passes.
  it('names the broken sigmoid node itself in its report', () => {
    const report = gradientCheck(compileGraph(sigmoidGraph(), { modules: { sigmoid: brokenSigmoid } }));
    expect(report.nodes.map((n) => n.nodeId)).toContain('s');
    const s = report.nodes.find((n) => n.nodeId === 's')!;
    expect(s.verdict).toBe('failed');
    expect(s.tensors.find((t) => t.name === 'output')!.verdict).toBe('ok');
    const share = s.tensors.find((t) => t.name === 'in:in')!;
    expect(share.verdict).toBe('failed');
    expect(relativeOff(share)).toBeGreaterThan(0.01);
    // Both numbers are there to read side by side.
    expect(share.worst.analytic).not.toBeCloseTo(share.worst.numeric, 2);
  });

  it('the same graph with the real sigmoid passes', () => {
    expect(gradientCheck(compileGraph(sigmoidGraph())).passed).toBe(true);
  });

  it('a too-large epsilon fails on correct code (truncation error), the defaults pass', () => {
    const program = compileGraph(chainGraph());
    const coarse = gradientCheck(program, { epsilon: 0.5 });
    expect(coarse.epsilon).toBe(0.5);
    expect(coarse.passed).toBe(false);
    expect(gradientCheck(program).epsilon).toBe(DEFAULT_EPSILON);
  });

  it('a loose tolerance passes even the broken vjp; the defaults pass the messy graph', () => {
    expect(gradientCheck(compileGraph(messyGraph())).passed).toBe(true);
    const broken = compileGraph(sigmoidGraph(), { modules: { sigmoid: brokenSigmoid } });
    expect(gradientCheck(broken, { atol: 100, rtol: 10 }).passed).toBe(true);
  });

  it('leaves the program as an ordinary run would', () => {
    const program = compileGraph(chainGraph());
    const before = program.run();
    const grads = program.parameters().map((p) => Array.from(p.grad.data));
    gradientCheck(program);
    expect(program.loss).toBe(before);
    expect(program.parameters().map((p) => Array.from(p.grad.data))).toEqual(grads);
  });

  it('refuses a graph without a loss', () => {
    const g = chainGraph();
    g.nodes = g.nodes.filter((n) => n.id !== 'loss');
    g.edges = g.edges.filter((e) => e.target !== 'loss');
    expect(() => gradientCheck(compileGraph(g))).toThrow(/no loss node/);
  });

  it('allows |a − n| ≤ atol + rtol·|n| plus the rounding of L over the step, and reports both numbers', () => {
    const report = gradientCheck(compileGraph(chainGraph()), { atol: 1e-4, rtol: 1e-2 });
    const program = compileGraph(chainGraph());
    const L = program.run()!;
    for (const t of report.nodes.flatMap((n) => n.tensors)) {
      const { analytic, numeric, error, allowed, step } = t.worst;
      expect(error).toBe(Math.abs(analytic - numeric));
      expect(allowed).toBeGreaterThanOrEqual(1e-4 + 1e-2 * Math.abs(numeric));
      expect(allowed).toBeLessThan(1e-4 + 1e-2 * Math.abs(numeric) + 100 * Number.EPSILON * Math.abs(L) / step);
    }
  });
});
