// y = a ⊙ b (elementwise, same shapes);  da = dy ⊙ b,  db = dy ⊙ a
import { diagonal, elementwiseBase, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const multiplyModule: ModuleDef<EmptyConfig> = {
  ...elementwiseBase, kind: 'multiply', label: 'Multiply',
  formula: 'y = a \\odot b',
  forward(f) {
    const a = f.inputs[0]!.data, b = f.inputs[1]!.data, y = f.out.data;
    for (let i = 0; i < y.length; i++) y[i] = a[i]! * b[i]!;
  },
  vjp(f) {
    const a = f.inputs[0]!.data, b = f.inputs[1]!.data, gy = f.gradOut.data;
    const [ga, gb] = f.gradInputs;
    if (ga) for (let i = 0; i < gy.length; i++) ga.data[i] = gy[i]! * b[i]!;
    if (gb) for (let i = 0; i < gy.length; i++) gb.data[i] = gy[i]! * a[i]!;
  },
  jacobian(f, sample, target) {
    // dy/da = diag(b), dy/db = diag(a)
    const other = 'input' in target && target.input === 0 ? f.inputs[1]! : f.inputs[0]!;
    return diagonal(sampleRow(other, sample));
  },
  jvp(f, t) {
    const a = f.inputs[0]!.data, b = f.inputs[1]!.data, da = t.inputs[0]!.data, db = t.inputs[1]!.data;
    for (let i = 0; i < a.length; i++) t.out.data[i] = da[i]! * b[i]! + a[i]! * db[i]!;
  },
  vjpTangent(f, t) {
    const a = f.inputs[0]!.data, b = f.inputs[1]!.data, da = t.inputs[0]!.data, db = t.inputs[1]!.data;
    const gy = f.gradOut.data, dgy = t.gradOut.data;
    const [dga, dgb] = t.gradInputs;
    if (dga) for (let i = 0; i < a.length; i++) dga.data[i] = dgy[i]! * b[i]! + gy[i]! * db[i]!;
    if (dgb) for (let i = 0; i < a.length; i++) dgb.data[i] = dgy[i]! * a[i]! + gy[i]! * da[i]!;
  },
};
