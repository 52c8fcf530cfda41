// A loss module's formula is per sample; what the graph computes also reduces over the batch.
// This writes both, so "mean" shows its 1/B factor.

/** "L = ½Σ(p−t)²" + reduction → "L = 1/B Σ_b ℓ_b,  ℓ_b = ½Σ(p−t)²" (KaTeX source). */
export function lossFormula(perSample: string, reduction: 'sum' | 'mean'): string {
  const body = perSample.replace(/^\s*L\s*=\s*/, '');
  const scale = reduction === 'mean' ? '\\tfrac{1}{B}' : '';
  return `L = ${scale}\\sum_{b=1}^{B} \\ell_b,\\quad \\ell_b = ${body}`;
}
