// L = −r Σ_batch Σ_j t_j log softmax(z)_j, with log-sum-exp for stability;
// dz = dL · r (s Σ_j t_j − t),  dt = dL · r (lse(z) − z)
// lse(z) − z_j is computed as log Σ e^{z−m} − (z_j − m), m the row's max, never as (m + log Σ) − z_j: rounding
// lse at the size of z would cost 2 % of a loss of 1e-13 at z = 30 (and of its derivatives).
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

function rowMax(z: Float64Array, o: number, F: number): number {
  let max = -Infinity;
  for (let j = 0; j < F; j++) max = Math.max(max, z[o + j]!);
  return max;
}

/** log Σ_j e^{z_j − m} of row `o`: shifted by the max m so exp never overflows. */
function logSumShifted(z: Float64Array, o: number, F: number, m: number): number {
  let s = 0;
  for (let j = 0; j < F; j++) s += Math.exp(z[o + j]! - m);
  return Math.log(s);
}

function rowSum(t: Float64Array, o: number, F: number): number {
  let s = 0;
  for (let j = 0; j < F; j++) s += t[o + j]!;
  return s;
}

export const softmaxCeModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['logits', 'target']), kind: 'softmax_ce', label: 'Softmax CE loss', idPrefix: 'ce',
  formula: 'L = -\\sum_j t_j \\log \\operatorname{softmax}(z)_j',
  prediction: 'softmax',
  forward(f) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < B; i++) {
      const o = i * F, m = rowMax(z, o, F), ls = logSumShifted(z, o, F, m);
      for (let j = 0; j < F; j++) s += t[o + j]! * (ls - (z[o + j]! - m));
    }
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gz, gt] = f.gradInputs;
    for (let i = 0; i < B; i++) {
      const o = i * F, m = rowMax(z, o, F), ls = logSumShifted(z, o, F, m), T = rowSum(t, o, F);
      for (let j = 0; j < F; j++) {
        if (gz) gz.data[o + j] = g * (Math.exp(z[o + j]! - m - ls) * T - t[o + j]!);
        if (gt) gt.data[o + j] = g * (ls - (z[o + j]! - m));
      }
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, o = sample * F;
    const m = rowMax(z, o, F), ls = logSumShifted(z, o, F, m), T = rowSum(t, o, F);
    const J = matrix(1, F);
    const byLogits = 'input' in target && target.input === 0;
    for (let j = 0; j < F; j++) {
      J.data[j] = r * (byLogits ? Math.exp(z[o + j]! - m - ls) * T - t[o + j]! : (ls - (z[o + j]! - m)));
    }
    return J;
  },
  jvp(f, tf) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, dz = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < B; i++) {
      const o = i * F, m = rowMax(z, o, F), ls = logSumShifted(z, o, F, m), T = rowSum(t, o, F);
      for (let j = 0; j < F; j++) {
        s += (Math.exp(z[o + j]! - m - ls) * T - t[o + j]!) * dz[o + j]! + (ls - (z[o + j]! - m)) * dt[o + j]!;
      }
    }
    tf.out.data[0] = r * s;
  },
  vjpTangent(f, tf) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, dz = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    const g = f.gradOut.data[0]!, dg = tf.gradOut.data[0]!;
    const [dgz, dgt] = tf.gradInputs;
    for (let i = 0; i < B; i++) {
      const o = i * F, m = rowMax(z, o, F), ls = logSumShifted(z, o, F, m), T = rowSum(t, o, F), dT = rowSum(dt, o, F);
      let sdz = 0; // ⟨s, ż⟩ = d lse
      for (let j = 0; j < F; j++) sdz += Math.exp(z[o + j]! - m - ls) * dz[o + j]!;
      for (let j = 0; j < F; j++) {
        const s = Math.exp(z[o + j]! - m - ls), ds = s * (dz[o + j]! - sdz);
        if (dgz) dgz.data[o + j] = r * (dg * (s * T - t[o + j]!) + g * (ds * T + s * dT - dt[o + j]!));
        if (dgt) dgt.data[o + j] = r * (dg * (ls - (z[o + j]! - m)) + g * (sdz - dz[o + j]!));
      }
    }
  },
};
