// L = −r Σ [t log p + (1−t) log(1−p)];  dp = dL · r (p − t) / max(p (1 − p), ε),  dt = dL · r log((1−p)/p)
// As PyTorch's BCELoss: each log is clamped at −100 and p(1−p) at ε = 1e-12 (as a float32, like torch), so a
// saturated sigmoid gives a large finite loss instead of Infinity. Where a clamp bites (p within ~1e-12 of 0
// or 1), dp is no longer the derivative of the loss: `diagnose` says so, and bce_logits has no such limit.
// The second order is the derivative of this first order, clamps included, so it is never NaN where dp is finite.
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

/** torch's EPSILON in binary_cross_entropy_backward: the float 1e-12f. */
const EPSILON = Math.fround(1e-12);
const LOG_FLOOR = -100;

const clampedLog = (v: number): number => Math.max(Math.log(v), LOG_FLOOR);
/** d clampedLog(v) / dv: 0 where the clamp holds (also at v = 0, where 1/v would be Infinity). */
const clampedLogSlope = (v: number): number => (Math.log(v) > LOG_FLOOR ? 1 / v : 0);
const isClamped = (p: number): boolean => p * (1 - p) < EPSILON;
const dLossDp = (p: number, t: number): number => (p - t) / Math.max(p * (1 - p), EPSILON);
const dLossDt = (p: number): number => clampedLog(1 - p) - clampedLog(p);
/** ∂(dLossDp)/∂p: t/p² + (1−t)/(1−p)² unclamped; 1/ε where p(1−p) is clamped to ε. */
const d2pp = (p: number, t: number): number => (isClamped(p) ? 1 / EPSILON : t / (p * p) + (1 - t) / ((1 - p) * (1 - p)));
/** ∂(dLossDp)/∂t. */
const d2pt = (p: number): number => -1 / Math.max(p * (1 - p), EPSILON);
/** ∂(dLossDt)/∂p (differs from d2pt only where a clamp holds: the clamped first order is not a gradient there). */
const d2tp = (p: number): number => -clampedLogSlope(1 - p) - clampedLogSlope(p);

export const bceModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['pred', 'target']), kind: 'bce', label: 'BCE loss',
  formula: 'L = -\\sum_j \\big[t_j \\log p_j + (1-t_j)\\log(1-p_j)\\big]',
  domain: { pred: { min: 0, max: 1, hint: 'bce takes probabilities: put a sigmoid before it, or wire the raw scores into bce_logits' } },
  prediction: 'probability',
  diagnose(f) {
    const p = f.inputs[0]!.data, F = f.inputs[0]!.shape[1]!;
    let first = -1, count = 0;
    for (let i = 0; i < p.length; i++) if (isClamped(p[i]!)) { if (first < 0) first = i; count++; }
    if (first < 0) return null;
    const more = count > 1 ? ` and ${count - 1} more value${count > 2 ? 's' : ''}` : '';
    return {
      code: 'bce-clamped', port: 'pred',
      message: `${p[first]} (sample ${Math.floor(first / F)}, feature ${first % F})${more} ${count > 1 ? 'are' : 'is'} within 1e-12 of 0 or 1, where BCE is clamped (as in PyTorch's BCELoss), so the gradient there is smaller than the derivative of the loss; for exact gradients wire the logits into bce_logits instead of sigmoid → bce`,
    };
  },
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
      if (dgp) dgp.data[i] = r * (dg * dLossDp(pi, ti) + g * (d2pp(pi, ti) * dp[i]! + d2pt(pi) * dt[i]!));
      if (dgt) dgt.data[i] = r * (dg * dLossDt(pi) + g * d2tp(pi) * dp[i]!);
    }
  },
};
