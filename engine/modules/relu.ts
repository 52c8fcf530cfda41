// y = max(0, x);  dx = dy ⊙ [x > 0]   (the derivative at exactly 0 is taken as 0; x = 0 is a declared kink)
import { pointwise } from './pointwise.ts';

export const reluModule = {
  ...pointwise({
    kind: 'relu', label: 'ReLU', formula: 'y = \\max(0, x)',
    f: (x) => (x > 0 ? x : 0),
    df: (x, _y, g) => (x > 0 ? g : 0), // a gate: exactly 0 where x ≤ 0, even for g = ±∞
    // f″ = 0 wherever it exists: no d2f
  }),
  kinks: { in: [0] },
};
