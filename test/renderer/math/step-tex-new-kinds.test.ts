// Issue 13.3 and 13.7: Step mode writes the new kinds' equations with the run's numbers, in valid TeX;
// a formula's backward step uses the partial derivatives the engine derived.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { compileFormula, toTex, type Graph } from '../../../engine/index.ts';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { run } from './fixtures.ts';

const e = (id: string, source: string, target: string, port: string) => ({ id, source, sourcePort: 'out', target, targetPort: port });
const g: Graph = {
  name: 'new kinds', seed: 1,
  nodes: [
    { id: 'a', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [0.7, -0.4] } },
    { id: 'b', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [0.1, 0.3] } },
    { id: 'f', kind: 'formula', config: { expression: 'x * sigmoid(y) + 0.5 * x^2', inputs: ['x', 'y'] } },
    { id: 's', kind: 'sum' }, { id: 'm', kind: 'mean' },
    { id: 't', kind: 'target', config: { size: 1 }, value: { shape: [1, 1], data: [0.2] } },
    { id: 'l1', kind: 'l1' }, { id: 'hub', kind: 'huber', config: { delta: 0.5 } },
  ],
  edges: [e('e1', 'a', 'f', 'x'), e('e2', 'b', 'f', 'y'), e('e3', 'f', 's', 'in'), e('e4', 'f', 'm', 'in'), e('e5', 's', 'l1', 'pred'), e('e6', 't', 'l1', 'target'), e('e7', 'm', 'hub', 'pred'), e('e8', 't', 'hub', 'target')],
};

describe('step equations of formula, sum, mean, l1 and huber', () => {
  const steps = buildTimeline(g, run(g));
  it('render as TeX on every step', () => {
    for (const s of steps) expect(() => katex.renderToString(s.tex, { throwOnError: true, strict: 'error' }), `${s.phase} ${s.nodeId}: ${s.tex}`).not.toThrow();
    for (const id of ['f', 's', 'm', 'l1', 'hub']) expect(steps.filter((s) => s.nodeId === id).map((s) => s.phase).sort()).toEqual(['backward', 'forward']);
  });

  it('write the formula forward with its expression and backward with its derived partials', () => {
    const c = compileFormula('x * sigmoid(y) + 0.5 * x^2', ['x', 'y']);
    const fwd = steps.find((s) => s.nodeId === 'f' && s.phase === 'forward')!.tex;
    const back = steps.find((s) => s.nodeId === 'f' && s.phase === 'backward')!.tex;
    expect(fwd).toContain(toTex(c.tree));
    expect(back).toContain(toTex(c.partials[0]!));
    expect(back).toContain(toTex(c.partials[1]!));
    expect(steps.find((s) => s.nodeId === 'hub' && s.phase === 'forward')!.tex).toContain('\\rho_{0.5}');
  });
});
