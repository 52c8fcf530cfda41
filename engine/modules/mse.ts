// L = r Σ_batch ½ Σ_j (p − t)²   (r = 1 for sum, 1/B for mean);  dp = dL · r (p − t),  dt = −dp
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

export const mseModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['pred', 'target']), kind: 'mse', label: 'MSE loss',
  formula: 'L = \\tfrac{1}{2} \\sum_j (p_j - t_j)^2',
  forward(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) { const d = p[i]! - t[i]!; s += d * d; }
    f.out.data[0] = 0.5 * r * s;
  },
  vjp(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gp, gt] = f.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const d = g * (p[i]! - t[i]!);
      if (gp) gp.data[i] = d;
      if (gt) gt.data[i] = -d;
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    const sign = 'input' in target && target.input === 0 ? 1 : -1;
    const J = matrix(1, F);
    for (let j = 0; j < F; j++) J.data[j] = sign * r * (p[sample * F + j]! - t[sample * F + j]!);
    return J;
  },
  jvp(f, t) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dp = t.inputs[0]!.data, dy = t.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) * (dp[i]! - dy[i]!);
    t.out.data[0] = r * s;
  },
  vjpTangent(f, t) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dp = t.inputs[0]!.data, dy = t.inputs[1]!.data;
    const g = f.gradOut.data[0]!, dg = t.gradOut.data[0]!;
    const [dgp, dgt] = t.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const v = r * (dg * (p[i]! - y[i]!) + g * (dp[i]! - dy[i]!));
      if (dgp) dgp.data[i] = v;
      if (dgt) dgt.data[i] = -v;
    }
  },
};
