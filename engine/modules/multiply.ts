// y = a ⊙ b (elementwise, same shapes);  da = dy ⊙ b,  db = dy ⊙ a
import { binaryPointwise } from './pointwise.ts';

export const multiplyModule = binaryPointwise({
  kind: 'multiply', label: 'Multiply', formula: 'y = a \\odot b',
  f: (a, b) => a * b,
  da: (_a, b, g) => g * b,
  db: (a, _b, g) => g * a,
  d2a: (_a, _b, g, _ta, tb) => g * tb, // ∂(g·b)/∂b = g
  d2b: (_a, _b, g, ta) => g * ta,
});
