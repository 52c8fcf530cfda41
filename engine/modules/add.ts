// y = a + b (elementwise, same shapes);  da = dy,  db = dy
import { diagonal, elementwiseBase, type EmptyConfig } from './common.ts';
import type { ModuleDef } from './types.ts';

export const addModule: ModuleDef<EmptyConfig> = {
  ...elementwiseBase, kind: 'add', label: 'Add',
  formula: 'y = a + b',
  forward(f) {
    const a = f.inputs[0]!.data, b = f.inputs[1]!.data, y = f.out.data;
    for (let i = 0; i < y.length; i++) y[i] = a[i]! + b[i]!;
  },
  vjp(f) {
    for (const g of f.gradInputs) if (g) g.data.set(f.gradOut.data);
  },
  jacobian(f) {
    return diagonal(new Float64Array(f.out.shape[1]!).fill(1));
  },
  jvp(_f, t) {
    const a = t.inputs[0]!.data, b = t.inputs[1]!.data, y = t.out.data;
    for (let i = 0; i < y.length; i++) y[i] = a[i]! + b[i]!;
  },
  vjpTangent(_f, t) {
    for (const g of t.gradInputs) if (g) g.data.set(t.gradOut.data);
  },
};
