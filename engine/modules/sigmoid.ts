// y = 1/(1+e^-x);  dx = dy ⊙ y ⊙ (1-y)
import { activationBase, diagonal, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const sigmoidModule: ModuleDef<EmptyConfig> = {
  ...activationBase, kind: 'sigmoid', label: 'Sigmoid',
  formula: 'y = \\sigma(x) = \\frac{1}{1+e^{-x}}',
  forward(f) {
    const x = f.inputs[0]!.data, y = f.out.data;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      // Two branches so that exp never overflows.
      if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
      else { const e = Math.exp(v); y[i] = e / (1 + e); }
    }
  },
  vjp(f) {
    const gx = f.gradInputs[0];
    if (!gx) return;
    const y = f.out.data, gy = f.gradOut.data;
    for (let i = 0; i < y.length; i++) gx.data[i] = gy[i]! * y[i]! * (1 - y[i]!);
  },
  jacobian(f, sample) {
    return diagonal(Array.from(sampleRow(f.out, sample), (y) => y * (1 - y)));
  },
  jvp(f, t) {
    const y = f.out.data, dx = t.inputs[0]!.data;
    for (let i = 0; i < y.length; i++) t.out.data[i] = y[i]! * (1 - y[i]!) * dx[i]!;
  },
  vjpTangent(f, t) {
    const dgx = t.gradInputs[0];
    if (!dgx) return;
    const y = f.out.data, dy = t.out.data, gy = f.gradOut.data, dgy = t.gradOut.data;
    for (let i = 0; i < y.length; i++) {
      dgx.data[i] = dgy[i]! * y[i]! * (1 - y[i]!) + gy[i]! * (1 - 2 * y[i]!) * dy[i]!;
    }
  },
};
