// L = −r Σ [t log p + (1−t) log(1−p)];  dp = dL · r (p − t) / (p (1 − p)),  dt = dL · r log((1−p)/p)
// As in PyTorch, each log is clamped at −100 and p(1−p) at 1e-12, so a saturated sigmoid gives a large
// finite loss instead of Infinity; inside those bounds every derivative is exact.
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

const clampedLog = (v: number): number => Math.max(Math.log(v), -100);
const dLossDp = (p: number, t: number): number => (p - t) / Math.max(p * (1 - p), 1e-12);
const dLossDt = (p: number): number => clampedLog(1 - p) - clampedLog(p);

export const bceModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['pred', 'target']), kind: 'bce', label: 'BCE loss',
  formula: 'L = -\\sum_j \\big[t_j \\log p_j + (1-t_j)\\log(1-p_j)\\big]',
  forward(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s -= t[i]! * clampedLog(p[i]!) + (1 - t[i]!) * clampedLog(1 - p[i]!);
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gp, gt] = f.gradInputs;
    for (let i = 0; i < p.length; i++) {
      if (gp) gp.data[i] = g * dLossDp(p[i]!, t[i]!);
      if (gt) gt.data[i] = g * dLossDt(p[i]!);
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data;
    const J = matrix(1, F);
    for (let j = 0; j < F; j++) {
      const k = sample * F + j;
      J.data[j] = r * ('input' in target && target.input === 0 ? dLossDp(p[k]!, t[k]!) : dLossDt(p[k]!));
    }
    return J;
  },
  jvp(f, tf) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, dp = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += dLossDp(p[i]!, t[i]!) * dp[i]! + dLossDt(p[i]!) * dt[i]!;
    tf.out.data[0] = r * s;
  },
  vjpTangent(f, tf) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, dp = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    const g = f.gradOut.data[0]!, dg = tf.gradOut.data[0]!;
    const [dgp, dgt] = tf.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!, ti = t[i]!;
      const d2pp = ti / (pi * pi) + (1 - ti) / ((1 - pi) * (1 - pi));
      const d2pt = -1 / (pi * (1 - pi));
      if (dgp) dgp.data[i] = r * (dg * dLossDp(pi, ti) + g * (d2pp * dp[i]! + d2pt * dt[i]!));
      if (dgt) dgt.data[i] = r * (dg * dLossDt(pi) + g * d2pt * dp[i]!);
    }
  },
};
