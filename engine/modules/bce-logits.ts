// L = −r Σ [t log σ(z) + (1−t) log(1−σ(z))] = r Σ [max(z, 0) − z t + log(1 + e^−|z|)];  dz = dL · r (σ(z) − t),  dt = −dL · r z
// Sigmoid and BCE fused, as PyTorch's BCEWithLogitsLoss: exact and finite for any logit, no clamp. σ(z) − t is
// computed as (1 − t) σ(z) − t σ(−z), so a confident right answer keeps its tiny gradient (−e^−40 at z = 40, t = 1).
import type { ReductionConfig } from './common.ts';
import { lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

/** σ(z) without overflow for either sign. */
const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const loss = (z: number, t: number): number => Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
const dLossDz = (z: number, t: number): number => (1 - t) * sigmoid(z) - t * sigmoid(-z);
/** d²L/dz² = σ(z) σ(−z), both factors computed directly (1 − σ(z) would round to 0 for z > 37). */
const d2zz = (z: number): number => sigmoid(z) * sigmoid(-z);

export const bceLogitsModule: ModuleDef<ReductionConfig> = {
  ...lossBase(['logits', 'target']), kind: 'bce_logits', label: 'BCE with logits',
  formula: 'L = -\\sum_j \\big[t_j \\log \\sigma(z_j) + (1-t_j)\\log(1-\\sigma(z_j))\\big]',
  prediction: 'logit',
  forward(f) {
    const [, , r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < z.length; i++) s += loss(z[i]!, t[i]!);
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [, , r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r;
    const [gz, gt] = f.gradInputs;
    for (let i = 0; i < z.length; i++) {
      if (gz) gz.data[i] = g * dLossDz(z[i]!, t[i]!);
      if (gt) gt.data[i] = -g * z[i]!;
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data;
    const J = matrix(1, F);
    for (let j = 0; j < F; j++) {
      const k = sample * F + j;
      J.data[j] = r * ('input' in target && target.input === 0 ? dLossDz(z[k]!, t[k]!) : -z[k]!);
    }
    return J;
  },
  jvp(f, tf) {
    const [, , r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, dz = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    let s = 0;
    for (let i = 0; i < z.length; i++) s += dLossDz(z[i]!, t[i]!) * dz[i]! - z[i]! * dt[i]!;
    tf.out.data[0] = r * s;
  },
  vjpTangent(f, tf) {
    const [, , r] = lossDims(f);
    const z = f.inputs[0]!.data, t = f.inputs[1]!.data, dz = tf.inputs[0]!.data, dt = tf.inputs[1]!.data;
    const g = f.gradOut.data[0]!, dg = tf.gradOut.data[0]!;
    const [dgz, dgt] = tf.gradInputs;
    for (let i = 0; i < z.length; i++) {
      if (dgz) dgz.data[i] = r * (dg * dLossDz(z[i]!, t[i]!) + g * (d2zz(z[i]!) * dz[i]! - dt[i]!));
      if (dgt) dgt.data[i] = -r * (dg * z[i]! + g * dz[i]!);
    }
  },
};
