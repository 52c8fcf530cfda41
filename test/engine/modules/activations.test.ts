// Elementwise and per-row activations: sigmoid, tanh, relu, softmax.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../support/close.ts';
import { build, checkAllDerivatives, t2 } from '../support/frames.ts';
import { awayFromZero, testRng } from '../support/random.ts';

const forward = (kind: 'sigmoid' | 'tanh' | 'relu' | 'softmax', rows: number, cols: number, data: number[]): number[] => {
  const { def, frame } = build({ kind, inputs: [t2(rows, cols, data)] });
  def.forward(frame);
  return Array.from(frame.out.data);
};

describe('activation modules: closed forms', () => {
  const xs = [-3, -0.5, 0, 0.25, 2, 7];

  it('sigmoid is 1/(1+e^-x), finite even at ±800', () => {
    expectClose(forward('sigmoid', 2, 3, xs), xs.map((x) => 1 / (1 + Math.exp(-x))), 1e-15, 'sigmoid');
    expect(forward('sigmoid', 1, 2, [-800, 800])).toEqual([0, 1]);
  });

  it('tanh is (e^x − e^-x)/(e^x + e^-x)', () => {
    expectClose(forward('tanh', 3, 2, xs), xs.map((x) => (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x))), 1e-14, 'tanh');
  });

  it('relu is max(0, x), with derivative 0 at exactly 0', () => {
    expect(forward('relu', 1, 6, xs)).toEqual([0, 0, 0, 0.25, 2, 7]);
    const { def, frame } = build({ kind: 'relu', inputs: [t2(1, 2, [0, 1])] });
    def.forward(frame);
    frame.gradOut.data.set([5, 5]);
    def.vjp(frame);
    expect(Array.from(frame.gradInputs[0]!.data)).toEqual([0, 5]);
  });

  it('softmax normalises each row: [0, ln 2, ln 3] → [1/6, 2/6, 3/6]', () => {
    const y = forward('softmax', 2, 3, [0, Math.log(2), Math.log(3), 10, 10, 10]);
    expectClose(y, [1 / 6, 2 / 6, 3 / 6, 1 / 3, 1 / 3, 1 / 3], 1e-15, 'softmax');
  });

  it('softmax does not overflow on large logits', () => {
    expectClose(forward('softmax', 1, 2, [1000, 1000 + Math.log(3)]), [0.25, 0.75], 1e-12, 'softmax');
  });
});

describe.each(['sigmoid', 'tanh', 'relu', 'softmax'] as const)('%s derivatives', (kind) => {
  it.each([[1, 1], [3, 4], [5, 2]])('agree with finite differences for [%i, %i]', (B, F) => {
    checkAllDerivatives({ kind, inputs: [t2(B, F, awayFromZero(testRng(B * 7 + F), B * F))] });
  });
});
