// The worked example from the lecture slides, recomputed here from the slide formulas.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile } from '../../engine/index.ts';

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

describe('lecture two-layer example', () => {
  const g = parseGraphFile(readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
  const program = compileGraph(g);
  program.run();
  const r = program.results();

  const h0 = 1.5, w1 = 0.8, w2 = -1.2, yStar = 0.25;
  const h1 = sigma(w1 * h0), h2 = sigma(w2 * h1);
  const L = 0.5 * (yStar - h2) ** 2;
  const dLdh2 = h2 - yStar;
  const dLdw2 = dLdh2 * h2 * (1 - h2) * h1;
  const dLdh1 = dLdh2 * h2 * (1 - h2) * w2;
  const dLdw1 = dLdh1 * h1 * (1 - h1) * h0;
  const close = (a: number | undefined, b: number): void => expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-12);

  it('forward values match the slides', () => {
    close(r.nodes.x!.output.data[0], h0);
    close(r.nodes.w1!.output.data[0], w1 * h0);
    close(r.nodes.h1!.output.data[0], h1);
    close(r.nodes.w2!.output.data[0], w2 * h1);
    close(r.nodes.h2!.output.data[0], h2);
    close(r.loss!, L);
  });

  it('parameter gradients match dL/dw1 and dL/dw2', () => {
    close(r.nodes.w2!.params.W!.grad.data[0], dLdw2);
    close(r.nodes.w1!.params.W!.grad.data[0], dLdw1);
  });

  it('edge gradients match dL/dh2, dL/dh1 and the chain down to x', () => {
    close(r.edges['e-h2-loss']!.grad.data[0], dLdh2);
    close(r.edges['e-y-loss']!.grad.data[0], -dLdh2);
    close(r.edges['e-w2-h2']!.grad.data[0], dLdh2 * h2 * (1 - h2));
    close(r.edges['e-h1-w2']!.grad.data[0], dLdh1);
    close(r.edges['e-w1-h1']!.grad.data[0], dLdh1 * h1 * (1 - h1));
    close(r.edges['e-x-w1']!.grad.data[0], dLdh1 * h1 * (1 - h1) * w1);
    close(r.nodes.h2!.grad.data[0], dLdh2);
    close(r.nodes.h1!.grad.data[0], dLdh1);
  });
});
