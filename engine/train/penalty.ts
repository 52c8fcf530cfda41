// Regularisation of the parameters, as PyTorch does it:
//   weightDecay λ₂: g ← g + λ₂ θ, exactly torch.optim.SGD/Adam's `weight_decay` (the gradient of ½λ₂‖θ‖²),
//   added before momentum or Adam's moments;
//   l1 λ₁: g ← g + λ₁ sign(θ), the (sub)gradient of λ₁‖θ‖₁, 0 at θ = 0 (torch's d|θ|/dθ there).
// The penalty's value ½λ₂‖θ‖² + λ₁‖θ‖₁ is what the loss chart shows next to the data loss.
import type { Floats } from '../tensor.ts';

export interface PenaltySettings {
  readonly weightDecay: number;
  readonly l1: number;
}

export class Penalty {
  constructor(private readonly s: PenaltySettings) {}

  /** Whether either coefficient is non-zero. */
  get active(): boolean {
    return this.s.weightDecay !== 0 || this.s.l1 !== 0;
  }

  /** ½λ₂ Σθ² + λ₁ Σ|θ| over every parameter. */
  value(params: readonly Floats[]): number {
    const { weightDecay: l2, l1 } = this.s;
    if (!this.active) return 0;
    let sq = 0, abs = 0;
    for (const w of params) for (let k = 0; k < w.length; k++) { const v = w[k]!; sq += v * v; abs += Math.abs(v); }
    return 0.5 * l2 * sq + l1 * abs;
  }

  /** Adds the penalty's gradient at θ to the data gradient, in place. */
  addGradient(params: readonly Floats[], grads: readonly Floats[]): void {
    const { weightDecay: l2, l1 } = this.s;
    if (!this.active) return;
    params.forEach((w, p) => {
      const g = grads[p]!;
      // L1 first: the exported script adds it to .grad before torch's optimiser adds weight_decay·θ,
      // so the two sums round alike.
      if (l1 !== 0) for (let k = 0; k < w.length; k++) g[k] = g[k]! + l1 * Math.sign(w[k]!);
      if (l2 !== 0) for (let k = 0; k < w.length; k++) g[k] = g[k]! + l2 * w[k]!;
    });
  }
}
