// L = r Σ_batch Σ_j |p − t|   (r = 1 for sum, 1/B for mean);  dp = dL · r sign(p − t) (0 at p = t, as torch),  dt = −dp
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

export const l1Module: ModuleDef<ReductionConfig> = {
  ...lossBase(['pred', 'target']), kind: 'l1', label: 'L1 loss',
  formula: 'L = \\sum_j \\lvert p_j - t_j \\rvert',
  forward(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += Math.abs(p[i]! - t[i]!);
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gp, gt] = f.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const d = g * Math.sign(p[i]! - t[i]!);
      if (gp) gp.data[i] = d;
      if (gt) gt.data[i] = -d;
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    const sign = 'input' in target && target.input === 0 ? 1 : -1;
    const J = matrix(1, F);
    for (let j = 0; j < F; j++) J.data[j] = sign * r * Math.sign(p[sample * F + j]! - t[sample * F + j]!);
    return J;
  },
  jvp(f, t) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dp = t.inputs[0]!.data, dy = t.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += Math.sign(p[i]! - y[i]!) * (dp[i]! - dy[i]!);
    t.out.data[0] = r * s;
  },
  vjpTangent(f, t) {
    // sign is piecewise constant: only the tangent of dL moves the gradient
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dg = t.gradOut.data[0]! * r;
    const [dgp, dgt] = t.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const v = dg * Math.sign(p[i]! - y[i]!);
      if (dgp) dgp.data[i] = v;
      if (dgt) dgt.data[i] = -v;
    }
  },
};
