// y = tanh(x);  dx = dy ⊙ (1 - y²)
import { activationBase, diagonal, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const tanhModule: ModuleDef<EmptyConfig> = {
  ...activationBase, kind: 'tanh', label: 'Tanh',
  formula: 'y = \\tanh(x)',
  forward(f) {
    const x = f.inputs[0]!.data, y = f.out.data;
    for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]!);
  },
  vjp(f) {
    const gx = f.gradInputs[0];
    if (!gx) return;
    const y = f.out.data, gy = f.gradOut.data;
    for (let i = 0; i < y.length; i++) gx.data[i] = gy[i]! * (1 - y[i]! * y[i]!);
  },
  jacobian(f, sample) {
    return diagonal(Array.from(sampleRow(f.out, sample), (y) => 1 - y * y));
  },
  jvp(f, t) {
    const y = f.out.data, dx = t.inputs[0]!.data;
    for (let i = 0; i < y.length; i++) t.out.data[i] = (1 - y[i]! * y[i]!) * dx[i]!;
  },
  vjpTangent(f, t) {
    const dgx = t.gradInputs[0];
    if (!dgx) return;
    const y = f.out.data, dy = t.out.data, gy = f.gradOut.data, dgy = t.gradOut.data;
    for (let i = 0; i < y.length; i++) dgx.data[i] = dgy[i]! * (1 - y[i]! * y[i]!) - 2 * gy[i]! * y[i]! * dy[i]!;
  },
};
