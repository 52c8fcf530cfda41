// y = x Wᵀ + b;  dx = dy W,  dW = dyᵀ x (summed over the batch),  db = Σ_batch dy
import { z } from 'zod';
import { initParam, initSchemes, type InitScheme } from '../init.ts';
import { formatShape, zeros, type Tensor } from '../tensor.ts';
import { matmulGtX, matmulGW, matmulXWt } from '../kernels/matmul.ts';
import { isBatchFeatures, parseConfig, positiveInt } from './common.ts';
import { matrix, type ModuleDef } from './types.ts';

const schema = z.object({
  in: positiveInt.default(1),
  out: positiveInt.default(1),
  bias: z.boolean().default(true),
  init: z.enum(initSchemes).default('xavier'),
}).loose();
export type LinearConfig = { in: number; out: number; bias: boolean; init: InitScheme };

export const linearModule: ModuleDef<LinearConfig> = {
  kind: 'linear', label: 'Linear', family: 'layer', inputs: ['in'], isLoss: false,
  formula: 'y = x W^{\\top} + b',
  parseConfig: (raw) => parseConfig(schema, raw),
  configSchema: schema,
  paramShapes: (c): Record<string, number[]> => (c.bias ? { W: [c.out, c.in], b: [c.out] } : { W: [c.out, c.in] }),
  initParams(c, at): Record<string, Tensor> {
    const W = initParam(c.init, [c.out, c.in], at.seed, at.nodeId, 'W');
    return c.bias ? { W, b: zeros([c.out]) } : { W };
  },
  inferShape(c, [x]) {
    if (!isBatchFeatures(x!)) return { code: 'shape-mismatch', port: 'in', message: `expects [batch, ${c.in}], got ${formatShape(x!)}` };
    if (x![1] !== c.in) return { code: 'shape-mismatch', port: 'in', message: `expects [batch, ${c.in}] (config in = ${c.in}), got ${formatShape(x!)}` };
    return { shape: [x![0]!, c.out] };
  },
  describe: (c) => `${c.in}→${c.out}`,

  forward(f) {
    const x = f.inputs[0]!, B = x.shape[0]!;
    matmulXWt(x.data, f.params[0]!.data, f.out.data, B, f.config.in, f.config.out, f.config.bias ? f.params[1]!.data : null);
  },

  vjp(f) {
    const { in: K, out: N, bias } = f.config;
    const x = f.inputs[0]!, B = x.shape[0]!, gy = f.gradOut.data;
    const gx = f.gradInputs[0];
    if (gx) matmulGW(gy, f.params[0]!.data, gx.data, B, N, K);
    matmulGtX(gy, x.data, f.gradParams[0]!.data, B, N, K);
    if (bias) {
      const gb = f.gradParams[1]!.data;
      gb.fill(0);
      for (let i = 0; i < B; i++) for (let n = 0; n < N; n++) gb[n] = gb[n]! + gy[i * N + n]!;
    }
  },

  jacobian(f, sample, target) {
    const { in: K, out: N } = f.config;
    if ('input' in target) {
      const J = matrix(N, K);
      J.data.set(f.params[0]!.data);
      return J;
    }
    if (target.param === 0) {
      // dy_o / dW_pq = δ_op x_q
      const J = matrix(N, N * K);
      const x = f.inputs[0]!.data;
      for (let o = 0; o < N; o++) for (let q = 0; q < K; q++) J.data[o * N * K + o * K + q] = x[sample * K + q]!;
      return J;
    }
    const J = matrix(N, N);
    for (let o = 0; o < N; o++) J.data[o * N + o] = 1;
    return J;
  },

  jvp(f, t) {
    const { in: K, out: N, bias } = f.config;
    const x = f.inputs[0]!.data, dx = t.inputs[0]!.data, B = f.inputs[0]!.shape[0]!;
    const W = f.params[0]!.data, dW = t.params[0]!.data, db = bias ? t.params[1]!.data : null;
    for (let i = 0; i < B; i++) {
      for (let n = 0; n < N; n++) {
        let s = db ? db[n]! : 0;
        for (let k = 0; k < K; k++) s += dx[i * K + k]! * W[n * K + k]! + x[i * K + k]! * dW[n * K + k]!;
        t.out.data[i * N + n] = s;
      }
    }
  },

  vjpTangent(f, t) {
    const { in: K, out: N, bias } = f.config;
    const x = f.inputs[0]!.data, dx = t.inputs[0]!.data, B = f.inputs[0]!.shape[0]!;
    const W = f.params[0]!.data, dW = t.params[0]!.data;
    const gy = f.gradOut.data, dgy = t.gradOut.data;
    const dgx = t.gradInputs[0];
    if (dgx) {
      for (let i = 0; i < B; i++) {
        for (let k = 0; k < K; k++) {
          let s = 0;
          for (let n = 0; n < N; n++) s += dgy[i * N + n]! * W[n * K + k]! + gy[i * N + n]! * dW[n * K + k]!;
          dgx.data[i * K + k] = s;
        }
      }
    }
    const dgW = t.gradParams[0]!.data;
    for (let n = 0; n < N; n++) {
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let i = 0; i < B; i++) s += dgy[i * N + n]! * x[i * K + k]! + gy[i * N + n]! * dx[i * K + k]!;
        dgW[n * K + k] = s;
      }
    }
    if (bias) {
      const dgb = t.gradParams[1]!.data;
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let i = 0; i < B; i++) s += dgy[i * N + n]!;
        dgb[n] = s;
      }
    }
  },
};
