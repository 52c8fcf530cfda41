// linear: y = x Wᵀ + b with W [out, in].
import { describe, expect, it } from 'vitest';
import { tensor } from '../../../engine/index.ts';
import { expectClose } from '../support/close.ts';
import { build, checkAllDerivatives, t2 } from '../support/frames.ts';
import { testRng, uniform } from '../support/random.ts';

describe('linear module', () => {
  it('forward matches y = x Wᵀ + b worked by hand', () => {
    const W = tensor([2, 3], [1, 2, 3, -1, 0, 2]);
    const b = tensor([2], [0.5, -1]);
    const { def, frame } = build({ kind: 'linear', config: { in: 3, out: 2 }, inputs: [t2(2, 3, [1, 1, 1, 2, -1, 0.5])], params: [W, b] });
    def.forward(frame);
    // row 0: [1+2+3+0.5, -1+0+2-1]; row 1: [2-2+1.5+0.5, -2+0+1-1]
    expect(Array.from(frame.out.data)).toEqual([6.5, 0, 2, -2]);
  });

  it('without bias has only W and no offset', () => {
    const { def, frame } = build({ kind: 'linear', config: { in: 2, out: 1, bias: false }, inputs: [t2(1, 2, [3, 4])], params: [tensor([1, 2], [0.5, -0.25])] });
    expect(Object.keys(def.paramShapes(frame.config))).toEqual(['W']);
    def.forward(frame);
    expect(frame.out.data[0]).toBe(0.5);
  });

  // batch 5 and out 3 exercise both the 4×2 register blocks of the kernels and their tails
  it.each([
    ['with bias, batch 5, 2→3', { in: 2, out: 3 }, 5, 2],
    ['without bias, batch 1, 4→5', { in: 4, out: 5, bias: false }, 1, 4],
    ['with bias, batch 8, 3→4', { in: 3, out: 4 }, 8, 3],
  ])('derivatives agree with finite differences (%s)', (_name, config, B, K) => {
    checkAllDerivatives({ kind: 'linear', config, inputs: [t2(B, K, uniform(testRng(B * 10 + K), B * K))] });
  });

  it('param gradient sums over the batch', () => {
    const { def, frame } = build({ kind: 'linear', config: { in: 1, out: 1 }, inputs: [t2(3, 1, [1, 2, 3])] });
    def.forward(frame);
    frame.gradOut.data.set([1, 1, 1]);
    def.vjp(frame);
    expectClose(frame.gradParams[0]!.data, [6], 0, 'dW');
    expectClose(frame.gradParams[1]!.data, [3], 0, 'db');
  });
});
