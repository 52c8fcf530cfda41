// What a layer node writes for each parameter: the lecture's scalars in full, anything wider than
// two entries as shape and norm, so a node stays narrow enough not to cover its neighbours.
import { describe, expect, it } from 'vitest';
import { paramLines } from '../../../interop/notation/node-text.ts';

const t = (data: number[], shape = [data.length]) => ({ shape, data });

describe('paramLines', () => {
  it('writes a scalar and its gradient as the lecture does', () => {
    expect(paramLines('w₁', t([0.8], [1, 1]), t([-0.00225], [1, 1]))).toEqual({ value: 'w₁ = 0.8', grad: '∂L/∂w₁ = −0.00225' });
  });
  it('writes two entries out', () => {
    expect(paramLines('b', t([0.1, -0.25]), t([0, 1]))).toEqual({ value: 'b = [0.1, −0.25]', grad: '∂L/∂b = [0, 1]' });
  });
  it('gives three or more entries as shape and norm (3-4-5: norm 5)', () => {
    expect(paramLines('b₂', t([3, 4, 0]), t([0, 0, 2]))).toEqual({ value: 'b₂ [3] ‖·‖ = 5', grad: '∂L/∂b₂ ‖·‖ = 2' });
  });
  it('ends the gradient line in … while the gradient is not known', () => {
    expect(paramLines('w₂', t([-1.2], [1, 1]), undefined).grad).toBe('∂L/∂w₂ = …');
    expect(paramLines('W', t([1, 2, 3, 4], [2, 2]), undefined)).toEqual({ value: 'W [2×2] ‖·‖ = 5.48', grad: '∂L/∂W ‖·‖ = …' });
  });
});
