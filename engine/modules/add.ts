// y = a + b (elementwise, same shapes);  da = dy,  db = dy
import { binaryPointwise } from './pointwise.ts';

export const addModule = binaryPointwise({
  kind: 'add', label: 'Add', formula: 'y = a + b',
  f: (a, b) => a + b,
  da: (_a, _b, g) => g,
  db: (_a, _b, g) => g,
  // both partials are constant: no d2a, d2b
});
