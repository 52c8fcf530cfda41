// Tiny numbers print as a×10^{k}; transposing one must still be valid TeX (a found bug: x^{k}^{⊤}).
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { run } from './fixtures.ts';

const tinyLinear: Graph = {
  name: 'tiny', seed: 1,
  nodes: [
    { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [3e-5, -2e-6] } },
    { id: 'fc', kind: 'linear', config: { in: 2, out: 1, bias: false }, params: { W: { shape: [1, 2], data: [4e-5, 7e-6] } } },
    { id: 'y', kind: 'target', config: { size: 1 }, value: { shape: [1, 1], data: [1e-5] } },
    { id: 'loss', kind: 'mse', config: { reduction: 'sum' } },
  ],
  edges: [
    { id: 'e1', source: 'x', sourcePort: 'out', target: 'fc', targetPort: 'in' },
    { id: 'e2', source: 'fc', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
    { id: 'e3', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' },
  ],
};

describe('step equations with tiny numbers', () => {
  it('render as TeX on every step of a [1, n] linear layer', () => {
    const steps = buildTimeline(tinyLinear, run(tinyLinear));
    expect(steps.some((s) => s.tex.includes('\\times10^{'))).toBe(true);
    for (const s of steps) {
      expect(() => katex.renderToString(s.tex, { throwOnError: true, strict: 'error' }), `${s.phase} ${s.nodeId}: ${s.tex}`).not.toThrow();
    }
  });
});
