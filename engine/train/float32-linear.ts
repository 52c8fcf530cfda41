// linear on the float32 training path: y = x W₃₂ᵀ + b₃₂, dx = dy W₃₂, dW₃₂ = dyᵀ x, db₃₂ = Σ_batch dy,
// products on the float32 kernel. Its parameters and their gradients are the fast path's Float32Arrays
// (looked up by the store's tensor and the frame's gradient tensor), not the frame's float64 ones;
// activations and gradients between nodes stay the program's float64 frames, so every other kind runs
// its own exact methods unchanged.
import { matmulGtXF32, matmulGWF32, matmulXWtF32 } from '../kernels/matmul-f32.ts';
import type { GemmF32 } from '../kernels/wasm-gemm-f32.ts';
import { linearModule, type LinearConfig } from '../modules/linear.ts';
import type { ModuleDef } from '../modules/types.ts';
import type { Tensor } from '../tensor.ts';

export interface Float32Buffers {
  /** The float32 value of a parameter of the store. */
  value(param: Tensor): Float32Array;
  /** The float32 gradient buffer standing for a frame's parameter gradient. */
  grad(gradParam: Tensor): Float32Array;
}

export function float32Linear(buffers: Float32Buffers, g: GemmF32): ModuleDef<LinearConfig> {
  return {
    ...linearModule,
    forward(f) {
      const { in: K, out: N, bias } = f.config, x = f.inputs[0]!;
      matmulXWtF32(g, x.data, buffers.value(f.params[0]!), f.out.data, x.shape[0]!, K, N, bias ? buffers.value(f.params[1]!) : null);
    },
    vjp(f) {
      const { in: K, out: N, bias } = f.config;
      const x = f.inputs[0]!, B = x.shape[0]!, gy = f.gradOut.data, gx = f.gradInputs[0];
      if (gx) matmulGWF32(g, gy, buffers.value(f.params[0]!), gx.data, B, N, K);
      matmulGtXF32(g, gy, x.data, buffers.grad(f.gradParams[0]!), B, N, K);
      if (bias) {
        const gb = buffers.grad(f.gradParams[1]!);
        for (let n = 0; n < N; n++) {
          let s = 0;
          for (let i = 0; i < B; i++) s += gy[i * N + n]!;
          gb[n] = s;
        }
      }
    },
  };
}
