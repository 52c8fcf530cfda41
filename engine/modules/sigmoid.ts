// y = 1/(1+e^-x);  dx = dy ⊙ y ⊙ (1-y)
import { pointwise } from './pointwise.ts';

export const sigmoidModule = pointwise({
  kind: 'sigmoid', label: 'Sigmoid', formula: 'y = \\sigma(x) = \\frac{1}{1+e^{-x}}',
  f(x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x); // two branches so that exp never overflows
    return e / (1 + e);
  },
  df: (_x, y, g) => g * y * (1 - y),
  d2f: (_x, y, g, _dx, dy) => g * (1 - 2 * y) * dy, // d(y(1-y))/dy = 1 - 2y
});
