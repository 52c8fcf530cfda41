// L = r Σ ρ(p − t),  ρ(d) = ½d² for |d| < δ, else δ(|d| − ½δ)  (torch's huber_loss);  dp = dL · r clamp(p − t, −δ, δ),  dt = −dp
import { z } from 'zod';
import { parseConfig, reductionConfig } from './common.ts';
import { describeReduction, lossBase, lossDims } from './loss-common.ts';
import { matrix, type ModuleDef } from './types.ts';

const huberConfig = reductionConfig.extend({ delta: z.number().positive().finite().default(1) });
export interface HuberConfig { reduction: 'sum' | 'mean'; delta: number }

const rho = (d: number, delta: number): number => (Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta));
/** ρ′(d) = clamp(d, −δ, δ). */
const slope = (d: number, delta: number): number => (d < -delta ? -delta : d > delta ? delta : d);
/** ρ″(d): 1 inside (−δ, δ), 0 outside. */
const curvature = (d: number, delta: number): number => (Math.abs(d) < delta ? 1 : 0);

export const huberModule: ModuleDef<HuberConfig> = {
  ...lossBase(['pred', 'target']), kind: 'huber', label: 'Huber loss',
  formula: 'L = \\sum_j \\rho_\\delta(p_j - t_j)',
  parseConfig: (raw) => parseConfig(huberConfig, raw) as HuberConfig,
  configSchema: huberConfig,
  describe: (c) => `${describeReduction(c)}, δ=${c.delta}`,
  forward(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, delta = f.config.delta;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += rho(p[i]! - t[i]!, delta);
    f.out.data[0] = r * s;
  },
  vjp(f) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, g = f.gradOut.data[0]! * r, delta = f.config.delta;
    const [gp, gt] = f.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const d = g * slope(p[i]! - t[i]!, delta);
      if (gp) gp.data[i] = d;
      if (gt) gt.data[i] = -d;
    }
  },
  jacobian(f, sample, target) {
    const [, F, r] = lossDims(f);
    const p = f.inputs[0]!.data, t = f.inputs[1]!.data, delta = f.config.delta;
    const sign = 'input' in target && target.input === 0 ? 1 : -1;
    const J = matrix(1, F);
    for (let j = 0; j < F; j++) J.data[j] = sign * r * slope(p[sample * F + j]! - t[sample * F + j]!, delta);
    return J;
  },
  jvp(f, t) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dp = t.inputs[0]!.data, dy = t.inputs[1]!.data, delta = f.config.delta;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += slope(p[i]! - y[i]!, delta) * (dp[i]! - dy[i]!);
    t.out.data[0] = r * s;
  },
  vjpTangent(f, t) {
    const [, , r] = lossDims(f);
    const p = f.inputs[0]!.data, y = f.inputs[1]!.data, dp = t.inputs[0]!.data, dy = t.inputs[1]!.data, delta = f.config.delta;
    const g = f.gradOut.data[0]!, dg = t.gradOut.data[0]!;
    const [dgp, dgt] = t.gradInputs;
    for (let i = 0; i < p.length; i++) {
      const d = p[i]! - y[i]!;
      const v = r * (dg * slope(d, delta) + g * curvature(d, delta) * (dp[i]! - dy[i]!));
      if (dgp) dgp.data[i] = v;
      if (dgt) dgt.data[i] = -v;
    }
  },
};
