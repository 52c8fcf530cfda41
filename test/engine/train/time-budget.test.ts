// The time budget's rule with a hand-moved clock: due at first, then only after the measured cost
// scaled to the share (or the minimum interval, whichever is longer); forced runs count.
import { describe, expect, it } from 'vitest';
import { TimeBudget } from '../../../engine/index.ts';

function clocked(options: ConstructorParameters<typeof TimeBudget>[0]) {
  let t = 1000;
  const budget = new TimeBudget(options, () => t);
  const advance = (ms: number): void => { t += ms; };
  /** Not due 1 ms before `ms` from now, due at `ms`. */
  const dueAfter = (ms: number): void => {
    advance(ms - 1);
    expect(budget.due()).toBe(false);
    advance(1);
    expect(budget.due()).toBe(true);
  };
  return { budget, advance, dueAfter, work: (ms: number) => () => { t += ms; return ms; } };
}

describe('TimeBudget', () => {
  it('is due before its first run', () => {
    expect(clocked({ share: 0.05 }).budget.due()).toBe(true);
  });

  it('after a 10 ms run at a 5 % share, is due again 190 ms after it ended, not before', () => {
    const { budget, dueAfter, work } = clocked({ share: 0.05 });
    expect(budget.run(work(10))).toBe(10);
    expect(budget.waitMs).toBeCloseTo(190, 9);
    dueAfter(190);
  });

  it('keeps the work to its share of the clock over many runs', () => {
    const { budget, advance, work } = clocked({ share: 0.1 });
    let busy = 0;
    for (let ms = 0; ms < 10_000; ms++) {
      if (budget.runIfDue(() => { work(4)(); busy += 4; })) continue;
      advance(1);
    }
    expect(busy / (10_000 + busy)).toBeCloseTo(0.1, 2);
  });

  it('waits at least minIntervalMs when the work is cheap', () => {
    const { budget, dueAfter, work } = clocked({ share: 0.05, minIntervalMs: 300 });
    budget.run(work(1)); // 19 ms by the share, 300 by the interval
    dueAfter(300);
  });

  it('counts a forced run: the wait restarts from it, scaled by its cost', () => {
    const { budget, advance, work } = clocked({ share: 0.5 });
    budget.run(work(10));
    advance(5);
    budget.run(work(2)); // e.g. the evaluation at pause, though not due
    expect(budget.waitMs).toBe(2);
    expect(budget.due()).toBe(false);
    advance(2);
    expect(budget.due()).toBe(true);
  });

  it('runIfDue runs nothing when not due', () => {
    const { budget, work } = clocked({ share: 0.05 });
    budget.run(work(10));
    let ran = false;
    expect(budget.runIfDue(() => { ran = true; })).toBe(false);
    expect(ran).toBe(false);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => new TimeBudget({ share: 0 }, () => 0)).toThrow(RangeError);
    expect(() => new TimeBudget({ share: 1.5 }, () => 0)).toThrow(RangeError);
  });
});
