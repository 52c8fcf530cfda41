// y_b = Σ_j x_bj  ([B, F] → [B, 1]);  dx_bj = dy_b
import { reduceOverFeatures } from './reduce-common.ts';

export const sumModule = reduceOverFeatures({
  kind: 'sum', label: 'Sum', formula: 'y = \\sum_j x_j',
  scale: () => 1,
});
