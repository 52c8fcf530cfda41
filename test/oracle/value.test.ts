// The oracle itself must be right before it can judge the engine: check it on hand-derived cases.
import { describe, expect, it } from 'vitest';
import { sum, Value } from './value.ts';

describe('oracle Value', () => {
  it('differentiates a product and a sum by hand-derived rules', () => {
    const a = new Value(3), b = new Value(-2);
    const y = a.mul(b).add(a); // y = ab + a: dy/da = b + 1, dy/db = a
    y.backward();
    expect(y.data).toBe(-3);
    expect(a.grad).toBe(-1);
    expect(b.grad).toBe(3);
  });

  it('accumulates the gradient of a value used twice', () => {
    const x = new Value(1.5);
    x.mul(x).backward(); // d(x²)/dx = 2x
    expect(x.grad).toBe(3);
  });

  it('has exact local derivatives for exp, log, div, tanh, sigmoid and relu', () => {
    const cases: [string, (v: Value) => Value, number, number][] = [
      ['exp', (v) => v.exp(), 0.3, Math.exp(0.3)],
      ['log', (v) => v.log(), 0.3, 1 / 0.3],
      ['div', (v) => new Value(2).div(v), 0.5, -2 / 0.25],
      ['tanh', (v) => v.tanh(), 0.4, 1 / Math.cosh(0.4) ** 2],
      ['sigmoid', (v) => v.sigmoid(), 0.4, Math.exp(-0.4) / (1 + Math.exp(-0.4)) ** 2],
      ['relu+', (v) => v.relu(), 0.4, 1],
      ['relu-', (v) => v.relu(), -0.4, 0],
    ];
    for (const [name, f, x0, d] of cases) {
      const x = new Value(x0);
      f(x).backward();
      expect(x.grad, name).toBeCloseTo(d, 12);
    }
  });

  it('matches a finite difference on a composite expression', () => {
    const f = (a: number, b: number): number => Math.log(1 + Math.exp(a * b)) * Math.tanh(a - b);
    const a = new Value(0.7), b = new Value(-0.4);
    const y = sum([new Value(1), a.mul(b).exp()]).log().mul(a.sub(b).tanh());
    y.backward();
    const h = 1e-6;
    expect(y.data).toBeCloseTo(f(0.7, -0.4), 14);
    expect(a.grad).toBeCloseTo((f(0.7 + h, -0.4) - f(0.7 - h, -0.4)) / (2 * h), 8);
    expect(b.grad).toBeCloseTo((f(0.7, -0.4 + h) - f(0.7, -0.4 - h)) / (2 * h), 8);
  });
});
