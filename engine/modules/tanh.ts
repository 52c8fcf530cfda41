// y = tanh(x);  dx = dy ⊙ (1 - y²), with 1 − y² as (1 − y)(1 + y): exact near |y| = 1, where 1 − y·y loses digits
import { pointwise } from './pointwise.ts';

export const tanhModule = pointwise({
  kind: 'tanh', label: 'Tanh', formula: 'y = \\tanh(x)',
  f: Math.tanh,
  df: (_x, y, g) => g * (1 - y) * (1 + y),
  d2f: (_x, y, g, _dx, dy) => -2 * g * y * dy, // d(1-y²)/dy = -2y
});
