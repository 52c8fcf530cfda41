// y = max(0, x);  dx = dy ⊙ [x > 0]   (the derivative at exactly 0 is taken as 0)
import { activationBase, diagonal, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const reluModule: ModuleDef<EmptyConfig> = {
  ...activationBase, kind: 'relu', label: 'ReLU',
  formula: 'y = \\max(0, x)',
  forward(f) {
    const x = f.inputs[0]!.data, y = f.out.data;
    for (let i = 0; i < x.length; i++) y[i] = x[i]! > 0 ? x[i]! : 0;
  },
  vjp(f) {
    const gx = f.gradInputs[0];
    if (!gx) return;
    const x = f.inputs[0]!.data, gy = f.gradOut.data;
    for (let i = 0; i < x.length; i++) gx.data[i] = x[i]! > 0 ? gy[i]! : 0;
  },
  jacobian(f, sample) {
    return diagonal(Array.from(sampleRow(f.inputs[0]!, sample), (x) => (x > 0 ? 1 : 0)));
  },
  jvp(f, t) {
    const x = f.inputs[0]!.data, dx = t.inputs[0]!.data;
    for (let i = 0; i < x.length; i++) t.out.data[i] = x[i]! > 0 ? dx[i]! : 0;
  },
  vjpTangent(f, t) {
    const dgx = t.gradInputs[0];
    if (!dgx) return;
    const x = f.inputs[0]!.data, dgy = t.gradOut.data;
    for (let i = 0; i < x.length; i++) dgx.data[i] = x[i]! > 0 ? dgy[i]! : 0;
  },
};
