// L = −r Σ_batch Σ_j t_j log softmax(z)_j, with log-sum-exp for stability;
// dz = dL · r (s Σ_j t_j − t),  dt = dL · r (lse(z) − z)
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

/** log Σ_j e^{z_j} of row `o`, shifted by the max so exp never overflows. */
function logSumExp(z: Float64Array, o: number, F: number): number {
  let max = -Infinity;
  for (let j = 0; j < F; j++) max = Math.max(max, z[o + j]!);
  let s = 0;
  for (let j = 0; j < F; j++) s += Math.exp(z[o + j]! - max);
  return max + Math.log(s);
}

function rowSum(t: Float64Array, o: number, F: number): number {
  let s = 0;
  for (let j = 0; j < F; j++) s += t[o + j]!;
  return s;
}

export const softmaxCeModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['logits', 'target']), kind: 'softmax_ce', label: 'Softmax CE loss',
  formula: 'L = -\\sum_j t_j \\log \\operatorname{softmax}(z)_j',
  forward(f) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < B; i++) {
      const o = i * F, lse = logSumExp(z, o, F);
      for (let j = 0; j < F; j++) s += t[o + j]! * (lse - z[o + j]!);
    }
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gz, gt] = f.gradInputs;
    for (let i = 0; i < B; i++) {
      const o = i * F, lse = logSumExp(z, o, F), T = rowSum(t, o, F);
      for (let j = 0; j < F; j++) {
        if (gz) gz.data[o + j] = g * (Math.exp(z[o + j]! - lse) * T - t[o + j]!);
        if (gt) gt.data[o + j] = g * (lse - z[o + j]!);
      }
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, o = sample * F;
    const lse = logSumExp(z, o, F), T = rowSum(t, o, F);
    const J = matrix(1, F);
    const byLogits = 'input' in target && target.input === 0;
    for (let j = 0; j < F; j++) {
      J.data[j] = r * (byLogits ? Math.exp(z[o + j]! - lse) * T - t[o + j]! : lse - z[o + j]!);
    }
    return J;
  },
  jvp(f, tf) {
    const [B, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, dz = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < B; i++) {
      const o = i * F, lse = logSumExp(z, o, F), T = rowSum(t, o, F);
      for (let j = 0; j < F; j++) {
        s += (Math.exp(z[o + j]! - lse) * T - t[o + j]!) * dz[o + j]! + (lse - z[o + j]!) * dt[o + j]!;
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
      const o = i * F, lse = logSumExp(z, o, F), T = rowSum(t, o, F), dT = rowSum(dt, o, F);
      let sdz = 0; // ⟨s, ż⟩ = d lse
      for (let j = 0; j < F; j++) sdz += Math.exp(z[o + j]! - lse) * dz[o + j]!;
      for (let j = 0; j < F; j++) {
        const s = Math.exp(z[o + j]! - lse), ds = s * (dz[o + j]! - sdz);
        if (dgz) dgz.data[o + j] = r * (dg * (s * T - t[o + j]!) + g * (ds * T + s * dT - dt[o + j]!));
        if (dgt) dgt.data[o + j] = r * (dg * (lse - z[o + j]!) + g * (sdz - dz[o + j]!));
      }
    }
  },
};
