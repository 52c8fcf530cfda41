// What sum and mean over the features share: y_b = s · Σ_j x_bj with s = 1 (sum) or 1/F (mean);
// dx_bj = s · dy_b. Linear in x, so the JVP is the same map and the VJP-tangent has no second-order term.
import { formatShape, type Shape } from '../tensor.ts';
import { emptyConfig, isBatchFeatures, parseConfig, rowsCols, type EmptyConfig } from './common.ts';
import { matrix, type ModuleDef, type ShapeResult } from './types.ts';

interface Reduce {
  readonly kind: string;
  readonly label: string;
  readonly formula: string;
  /** The factor of the sum for F features. */
  scale(features: number): number;
}

/** [batch, features] → [batch, 1]. */
function reducedShape(shapes: readonly Shape[]): ShapeResult {
  const s = shapes[0]!;
  if (!isBatchFeatures(s)) return { code: 'shape-mismatch', port: 'in', message: `expects [batch, features], got ${formatShape(s)}` };
  return { shape: [s[0]!, 1] };
}

function reduceRows(x: Float64Array, y: Float64Array, B: number, F: number, s: number): void {
  for (let i = 0; i < B; i++) {
    let acc = 0;
    for (let j = 0; j < F; j++) acc += x[i * F + j]!;
    y[i] = s * acc;
  }
}

function spreadRows(gy: Float64Array, gx: Float64Array, B: number, F: number, s: number): void {
  for (let i = 0; i < B; i++) gx.fill(s * gy[i]!, i * F, (i + 1) * F);
}

export function reduceOverFeatures({ kind, label, formula, scale }: Reduce): ModuleDef<EmptyConfig> {
  return {
    kind, label, formula, family: 'combine', inputs: ['in'], isLoss: false,
    parseConfig: (raw) => parseConfig(emptyConfig, raw) as EmptyConfig,
    paramShapes: () => ({}),
    inferShape: (_c, shapes) => reducedShape(shapes),
    describe: () => '',
    forward(f) {
      const [B, F] = rowsCols(f.inputs[0]!);
      reduceRows(f.inputs[0]!.data, f.out.data, B, F, scale(F));
    },
    vjp(f) {
      const gx = f.gradInputs[0];
      if (!gx) return;
      const [B, F] = rowsCols(f.inputs[0]!);
      spreadRows(f.gradOut.data, gx.data, B, F, scale(F));
    },
    jacobian(f) {
      const F = f.inputs[0]!.shape[1]!;
      const J = matrix(1, F);
      J.data.fill(scale(F));
      return J;
    },
    jvp(f, t) {
      const [B, F] = rowsCols(f.inputs[0]!);
      reduceRows(t.inputs[0]!.data, t.out.data, B, F, scale(F));
    },
    vjpTangent(f, t) {
      const dgx = t.gradInputs[0];
      if (!dgx) return;
      const [B, F] = rowsCols(f.inputs[0]!);
      spreadRows(t.gradOut.data, dgx.data, B, F, scale(F));
    },
  };
}
