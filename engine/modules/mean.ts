// y_b = (1/F) Σ_j x_bj  ([B, F] → [B, 1]);  dx_bj = dy_b / F
import { reduceOverFeatures } from './reduce-common.ts';

export const meanModule = reduceOverFeatures({
  kind: 'mean', label: 'Mean', formula: 'y = \\tfrac{1}{F}\\sum_j x_j',
  scale: (F) => 1 / F,
});
