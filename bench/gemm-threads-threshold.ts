// `npx tsx bench/gemm-threads-threshold.ts`: where the two-thread float32 kernel starts to pay. For
// products x·Wᵀ of growing size, the median time of one thread and of two (interleaved rounds, same
// operands), with the load: TWO_THREAD_MIN_MULTIPLY_ADDS (engine/kernels/gemm-threads.ts) comes from here.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { twoThreadGemmF32 } from '../engine/kernels/gemm-threads.ts';
import { matmulXWtF32 } from '../engine/kernels/matmul-f32.ts';
import { wasmGemmF32, type GemmF32 } from '../engine/kernels/wasm-gemm-f32.ts';
import { spawnNodeThread } from './gemm-threads-node.ts';

setFlagsFromString('--experimental-wasm-relaxed-simd');
const one = wasmGemmF32()!, two = twoThreadGemmF32(spawnNodeThread, one.variant, { minMultiplyAdds: 0 })!;
// The helper is unref'd and Atomics.waitAsync keeps nothing alive: hold the process open while it starts.
const keepAlive = setInterval(() => undefined, 1000);
if (!(await two.ready)) throw new Error('the helper thread did not start');
clearInterval(keepAlive);

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
/** [B, K, N]: batch × in → out, from tiny to the first layer of `mid` (64 × 784 → 256). */
const shapes = [[8, 16, 16], [16, 32, 32], [16, 64, 64], [32, 64, 64], [32, 128, 64], [32, 128, 128], [64, 128, 128], [64, 256, 128], [64, 784, 256]] as const;
console.log(JSON.stringify({ meta: 'gemm-threads-threshold', variant: one.variant, load: loadavg() }));
for (const [B, K, N] of shapes) {
  const x = new Float64Array(B * K).map(Math.random), W = new Float32Array(N * K).map(Math.random), y = new Float64Array(B * N);
  const reps = Math.max(3, Math.round(2e7 / (B * K * N)));
  const time = (g: GemmF32): number => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) matmulXWtF32(g, x, W, y, B, K, N, null);
    return ((performance.now() - t0) / reps) * 1000;
  };
  const t1: number[] = [], t2: number[] = [];
  time(one); time(two);
  for (let round = 0; round < 15; round++) { t1.push(time(one)); t2.push(time(two)); }
  const us1 = median(t1), us2 = median(t2);
  console.log(JSON.stringify({ multiply_adds: B * K * N, B, K, N, one_us: +us1.toFixed(1), two_us: +us2.toFixed(1), speedup: +(us1 / us2).toFixed(2) }));
}
console.log(JSON.stringify({ meta: 'load after', load: loadavg() }));
two.close();
