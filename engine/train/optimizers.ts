// Update rules over flat parameter buffers. Both follow PyTorch's conventions, so settings carry over:
// SGD  v ← μ v + g,  θ ← θ − η v
// Adam m ← β₁ m + (1−β₁) g,  v ← β₂ v + (1−β₂) g²,  θ ← θ − η m̂ / (√v̂ + ε)  with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
import type { TrainingSettings } from '../format/schema.ts';
import type { Floats } from '../tensor.ts';

// Each step reads its rates from the settings object it was given, so a running trainer's setRates
// (the same object) takes effect at the next step, with the velocity or moments kept.
export interface Optimizer {
  /** Applies one update to every parameter in place. */
  step(params: readonly Floats[], grads: readonly Floats[]): void;
}

export function createOptimizer(settings: TrainingSettings, sizes: readonly number[]): Optimizer {
  return settings.optimizer === 'adam' ? new Adam(settings, sizes) : new Sgd(settings, sizes);
}

class Sgd implements Optimizer {
  private readonly velocity: Float64Array[];
  constructor(private readonly s: TrainingSettings, sizes: readonly number[]) {
    this.velocity = s.momentum > 0 ? sizes.map((n) => new Float64Array(n)) : [];
  }

  step(params: readonly Floats[], grads: readonly Floats[]): void {
    const { learningRate: lr, momentum: mu } = this.s;
    for (let p = 0; p < params.length; p++) {
      const w = params[p]!, g = grads[p]!;
      if (mu === 0) {
        for (let k = 0; k < w.length; k++) w[k] = w[k]! - lr * g[k]!;
        continue;
      }
      const v = this.velocity[p]!;
      for (let k = 0; k < w.length; k++) {
        v[k] = mu * v[k]! + g[k]!;
        w[k] = w[k]! - lr * v[k]!;
      }
    }
  }
}

class Adam implements Optimizer {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  constructor(private readonly s: TrainingSettings, sizes: readonly number[]) {
    this.m = sizes.map((n) => new Float64Array(n));
    this.v = sizes.map((n) => new Float64Array(n));
  }

  step(params: readonly Floats[], grads: readonly Floats[]): void {
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = this.s;
    this.t++;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    params.forEach((w, p) => {
      const g = grads[p]!, m = this.m[p]!, v = this.v[p]!;
      for (let k = 0; k < w.length; k++) {
        const gk = g[k]!;
        m[k] = b1 * m[k]! + (1 - b1) * gk;
        v[k] = b2 * v[k]! + (1 - b2) * gk * gk;
        w[k] = w[k]! - (lr * (m[k]! / c1)) / (Math.sqrt(v[k]! / c2) + eps);
      }
    });
  }
}
