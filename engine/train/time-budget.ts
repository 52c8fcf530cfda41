// Work done beside training (the epoch-end evaluation, the decision-boundary picture) on a share of the
// wall clock instead of every epoch: after a run that cost c ms the next one is due c·(1 − share)/share ms
// later (and never sooner than `minIntervalMs`), so it takes at most `share` of the time however fast
// epochs go. The clock is injected, so the rule is tested without waiting.

export interface TimeBudgetOptions {
  /** The most of the wall clock the work may take, 0 < share ≤ 1. */
  readonly share: number;
  /** The shortest time between two runs, in ms (default 0). */
  readonly minIntervalMs?: number;
}

export class TimeBudget {
  private lastEnd = -Infinity;
  private lastCost = 0;

  constructor(private readonly options: TimeBudgetOptions, private readonly now: () => number) {
    if (!(options.share > 0 && options.share <= 1)) throw new RangeError(`a time budget's share is in (0, 1], not ${options.share}`);
  }

  /** The wait after the last run before the next is due, in ms. */
  get waitMs(): number {
    const { share, minIntervalMs = 0 } = this.options;
    return Math.max(minIntervalMs, (this.lastCost * (1 - share)) / share);
  }

  /** True before the first run and once `waitMs` has passed since the last one ended. */
  due(): boolean {
    return this.now() - this.lastEnd >= this.waitMs;
  }

  /** Runs `work` and measures it (whether due or not: forced runs, at pause or at the end, count too). */
  run<T>(work: () => T): T {
    const t0 = this.now();
    const result = work();
    this.lastEnd = this.now();
    this.lastCost = this.lastEnd - t0;
    return result;
  }

  /** Runs `work` if due; true when it ran. */
  runIfDue(work: () => void): boolean {
    if (!this.due()) return false;
    this.run(work);
    return true;
  }
}
