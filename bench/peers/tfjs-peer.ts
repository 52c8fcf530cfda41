// The tfjs peers: the same MLP (same widths, sigmoid between layers, ½·mean-over-batch squared error,
// plain SGD) trained with @tensorflow/tfjs on its cpu backend or on tfjs-backend-wasm (SIMD).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mlpBatch, randomData, type MlpSpec } from '../graphs.ts';

export type TfBackend = 'cpu' | 'wasm';

export interface BackendInfo {
  readonly backend: string;
  readonly simd?: boolean;
  readonly threads?: boolean;
  readonly threadCount?: number;
}

/** Switches tfjs to `name` and proves it switched; for wasm also reports SIMD and threads. */
export async function useBackend(name: TfBackend): Promise<BackendInfo> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    setWasmPaths(dist + path.sep);
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`tfjs did not switch to "${name}" (active: ${tf.getBackend()})`);
  if (name !== 'wasm') return { backend: tf.getBackend() };
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return { backend: tf.getBackend(), simd, threads, threadCount: getThreadsCount() };
}

export interface TfModel {
  /** One forward + backward + SGD step; returns the loss before the update. */
  step(): number;
  dispose(): void;
}

/** Same initialisation scale as the engine's xavier default; values differ, which speed does not care about. */
export function tfMlp(spec: MlpSpec, learningRate = 0.05): TfModel {
  const { sizes, batch } = spec;
  const { x: xs, y: ys } = mlpBatch(spec);
  const x = tf.tensor2d(Float32Array.from(xs), [batch, sizes[0]!], 'float32');
  const y = tf.tensor2d(Float32Array.from(ys), [batch, sizes[sizes.length - 1]!], 'float32');
  const layers: { W: tf.Variable; b: tf.Variable }[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!, fanOut = sizes[l]!, limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = randomData(fanIn * fanOut, spec.seed * 31 + l, -limit, limit);
    // Stored [in, out] so the forward is x·W without a transpose.
    layers.push({ W: tf.variable(tf.tensor2d(Float32Array.from(w), [fanIn, fanOut], 'float32')), b: tf.variable(tf.zeros([fanOut])) });
  }
  const optimizer = tf.train.sgd(learningRate);
  const loss = (): tf.Scalar => {
    let h: tf.Tensor2D = x;
    layers.forEach(({ W, b }, i) => {
      const z = tf.add(tf.matMul(h, W), b) as tf.Tensor2D;
      h = i < layers.length - 1 ? tf.sigmoid(z) : z;
    });
    // ½ · Σ (p − t)² / batch: the engine's `mse` with reduction mean.
    return tf.mul(tf.sum(tf.square(tf.sub(h, y))), 0.5 / batch) as tf.Scalar;
  };
  return {
    step() {
      const cost = optimizer.minimize(loss, true)!;
      const v = cost.dataSync()[0]!;
      cost.dispose();
      return v;
    },
    dispose() {
      optimizer.dispose();
      for (const { W, b } of layers) { W.dispose(); b.dispose(); }
      x.dispose(); y.dispose();
    },
  };
}
