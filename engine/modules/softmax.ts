// y = e^x / Σ e^x (per sample, over features);  dx = y ⊙ (dy − ⟨dy, y⟩)
import { activationBase, rowsCols, type EmptyConfig } from './common.ts';
import { matrix, type ModuleDef } from './types.ts';

export const softmaxModule: ModuleDef<EmptyConfig> = {
  ...activationBase, kind: 'softmax', label: 'Softmax',
  formula: 'y_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}',
  forward(f) {
    const [B, F] = rowsCols(f.out);
    const x = f.inputs[0]!.data, y = f.out.data;
    for (let i = 0; i < B; i++) {
      const o = i * F;
      let max = -Infinity;
      for (let j = 0; j < F; j++) max = Math.max(max, x[o + j]!);
      let sum = 0;
      for (let j = 0; j < F; j++) { y[o + j] = Math.exp(x[o + j]! - max); sum += y[o + j]!; }
      for (let j = 0; j < F; j++) y[o + j] = y[o + j]! / sum;
    }
  },
  vjp(f) {
    const gx = f.gradInputs[0];
    if (!gx) return;
    const [B, F] = rowsCols(f.out);
    const y = f.out.data, gy = f.gradOut.data;
    for (let i = 0; i < B; i++) {
      const o = i * F;
      let c = 0;
      for (let j = 0; j < F; j++) c += gy[o + j]! * y[o + j]!;
      for (let j = 0; j < F; j++) gx.data[o + j] = y[o + j]! * (gy[o + j]! - c);
    }
  },
  jacobian(f, sample) {
    // dy_i/dx_j = y_i (δ_ij − y_j)
    const F = f.out.shape[1]!;
    const y = f.out.data.subarray(sample * F, (sample + 1) * F);
    const J = matrix(F, F);
    for (let i = 0; i < F; i++) for (let j = 0; j < F; j++) J.data[i * F + j] = y[i]! * ((i === j ? 1 : 0) - y[j]!);
    return J;
  },
  jvp(f, t) {
    const [B, F] = rowsCols(f.out);
    const y = f.out.data, dx = t.inputs[0]!.data;
    for (let i = 0; i < B; i++) {
      const o = i * F;
      let c = 0;
      for (let j = 0; j < F; j++) c += y[o + j]! * dx[o + j]!;
      for (let j = 0; j < F; j++) t.out.data[o + j] = y[o + j]! * (dx[o + j]! - c);
    }
  },
  vjpTangent(f, t) {
    const dgx = t.gradInputs[0];
    if (!dgx) return;
    const [B, F] = rowsCols(f.out);
    const y = f.out.data, dy = t.out.data, gy = f.gradOut.data, dgy = t.gradOut.data;
    for (let i = 0; i < B; i++) {
      const o = i * F;
      let c = 0, dc = 0;
      for (let j = 0; j < F; j++) {
        c += gy[o + j]! * y[o + j]!;
        dc += dgy[o + j]! * y[o + j]! + gy[o + j]! * dy[o + j]!;
      }
      for (let j = 0; j < F; j++) dgx.data[o + j] = dy[o + j]! * (gy[o + j]! - c) + y[o + j]! * (dgy[o + j]! - dc);
    }
  },
};
