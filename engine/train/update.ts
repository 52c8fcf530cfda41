// One optimiser step over the parameter store's buffers, checked: a non-finite gradient is found
// before the step, the penalty's gradient (weight decay, L1) is added to it, and a step that would
// leave a parameter non-finite is undone.
import { allFinite } from './non-finite.ts';
import type { Optimizer } from './optimizers.ts';
import { Penalty } from './penalty.ts';
import type { Floats } from '../tensor.ts';

export interface ParamOwner { readonly nodeId: string; readonly value: { readonly data: Floats } }

export class GuardedUpdate {
  /** Nodes with parameters, in the order given: the rows of the gradient norms. */
  readonly layers: readonly string[];
  private readonly params: Floats[];
  private readonly backup: Floats[];
  /**
   * data gradient + penalty gradient; the program's own gradient buffers are never written here (a
   * node that reaches no loss keeps its zeros). Allocated on the first step with a penalty (its
   * coefficients may be switched on while training runs).
   */
  private total: Floats[] | null = null;
  private readonly layerOf: number[];

  constructor(private readonly owners: readonly ParamOwner[], private readonly optimizer: Optimizer, private readonly penalty = new Penalty({ weightDecay: 0, l1: 0 })) {
    const layers = [...new Set(owners.map((o) => o.nodeId))];
    this.layers = layers;
    this.layerOf = owners.map((o) => layers.indexOf(o.nodeId));
    this.params = owners.map((o) => o.value.data);
    // Backups and penalty sums in the parameters' own precision (float32 on the fast path).
    this.backup = this.params.map((w) => w.slice().fill(0));
  }

  owner(param: number): string {
    return this.owners[param]!.nodeId;
  }

  /** ‖dL/dθ‖₂ per layer, or the index of the first parameter whose gradient is not finite. */
  gradNorms(grads: readonly Floats[]): number[] | number {
    const sums = new Array<number>(this.layers.length).fill(0);
    for (let i = 0; i < grads.length; i++) {
      const g = grads[i]!;
      let s = 0;
      for (let k = 0; k < g.length; k++) {
        const gk = g[k]!;
        if (!Number.isFinite(gk)) return i;
        s += gk * gk; // may overflow to Infinity for huge but finite gradients: only the chart sees it
      }
      sums[this.layerOf[i]!]! += s;
    }
    return sums.map(Math.sqrt);
  }

  /** The penalty at the current parameters (0 without regularisation). */
  penaltyValue(): number {
    return this.penalty.value(this.params);
  }

  /**
   * One optimiser step along the data gradient plus the penalty's. Null when the step went through;
   * else the node of the first non-finite parameter, every one restored.
   */
  apply(grads: readonly Floats[]): string | null {
    let step = grads;
    if (this.penalty.active) {
      const total = (this.total ??= this.params.map((w) => w.slice().fill(0)));
      total.forEach((t, i) => t.set(grads[i]!));
      this.penalty.addGradient(this.params, total);
      step = total;
    }
    this.backup.forEach((b, i) => b.set(this.params[i]!));
    this.optimizer.step(this.params, step);
    const bad = this.params.findIndex((w) => !allFinite(w));
    if (bad < 0) return null;
    this.params.forEach((w, i) => w.set(this.backup[i]!));
    return this.owner(bad);
  }
}
