// The size of a training step as the panel weighs it for the float32 path (issue 14.2): batch × Σ linear
// in·out × 3, counted from the compiled program.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, FLOAT32_GAIN_MULTIPLY_ADDS, parseGraphFile, stepMultiplyAdds, type Graph } from '../../../engine/index.ts';
import { mlpGraph } from '../../../bench/graphs.ts';

const example = (name: string): Graph => parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));

describe('stepMultiplyAdds', () => {
  it('counts batch × Σ linear in·out, forward and backward (3×)', () => {
    const p = compileGraph(mlpGraph({ sizes: [784, 256, 128, 10], batch: 4, seed: 1 }), { batch: 128 });
    expect(stepMultiplyAdds(p)).toBe(3 * 128 * (784 * 256 + 256 * 128 + 128 * 10));
    expect(stepMultiplyAdds(p, 1)).toBe(3 * (784 * 256 + 256 * 128 + 128 * 10));
  });

  it('puts digits (64-32-10) under the threshold at its batch of 32 and over it at 256; the lecture far under', () => {
    const digits = compileGraph(example('digits-mlp'), { batch: 1 });
    expect(stepMultiplyAdds(digits, 32)).toBe(3 * 32 * (64 * 32 + 32 * 10));
    expect(stepMultiplyAdds(digits, 32)).toBeLessThan(FLOAT32_GAIN_MULTIPLY_ADDS);
    expect(stepMultiplyAdds(digits, 256)).toBeGreaterThanOrEqual(FLOAT32_GAIN_MULTIPLY_ADDS);
    expect(stepMultiplyAdds(compileGraph(example('lecture-two-layer')))).toBeLessThan(100);
  });
});
