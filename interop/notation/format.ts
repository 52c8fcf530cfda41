// Compact numbers for labels and KaTeX: 4 significant digits, fixed notation for 1e-3 ≤ |x| < 1e4,
// exponent notation outside that range, and NaN/±∞ spelled out so a broken run is visible.

const FIXED_MIN = 1e-3;
const FIXED_MAX = 1e4;

/** Mantissa and exponent of x rounded to `digits` significant digits, or null for fixed notation. */
function parts(x: number, digits: number): { fixed: string } | { mantissa: string; exponent: number } {
  const d = Math.min(Math.max(Math.round(digits), 1), 17);
  const abs = Math.abs(x);
  if (abs >= FIXED_MIN && abs < FIXED_MAX) {
    const s = x.toPrecision(d);
    // toPrecision switches to exponent form when rounding reaches 1e4 (9999.9 → "1.000e+4").
    if (!s.includes('e')) return { fixed: trimZeros(s) };
  }
  const [m, e] = x.toExponential(d - 1).split('e') as [string, string];
  return { mantissa: trimZeros(m), exponent: Number(e) };
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** 0.0054, -1.2, 3.2e-7, 1.5e+4, NaN, ∞, -∞. */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (x === 0) return '0'; // also -0
  const p = parts(x, digits);
  if ('fixed' in p) return p.fixed;
  return `${p.mantissa}e${p.exponent < 0 ? '-' : '+'}${Math.abs(p.exponent)}`;
}

/** The same number as KaTeX source: -1.2\times10^{-4}, \infty, \mathrm{NaN}. */
export function texNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (x === Infinity) return '\\infty';
  if (x === -Infinity) return '-\\infty';
  if (x === 0) return '0';
  const p = parts(x, digits);
  if ('fixed' in p) return p.fixed;
  const e = `10^{${p.exponent}}`;
  return p.mantissa === '1' ? e : p.mantissa === '-1' ? `-${e}` : `${p.mantissa}\\times${e}`;
}

/** L2 norm of all entries. */
export function tensorNorm(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return Math.sqrt(s);
}

/** "0.8176", "[0.12, -0.5, 0.3]", "[[1, 2], [3, 4]]" when small; "[64, 16] ‖·‖=0.032" when large. */
export function summarizeTensor(t: { shape: readonly number[]; data: ArrayLike<number> }, maxEntries = 4): string {
  const n = t.data.length;
  if (n === 1) return formatNumber(t.data[0]!);
  if (n <= maxEntries) {
    const row = (from: number, to: number): string => {
      const out: string[] = [];
      for (let i = from; i < to; i++) out.push(formatNumber(t.data[i]!));
      return `[${out.join(', ')}]`;
    };
    const rows = t.shape.length === 2 ? t.shape[0]! : 1;
    const cols = t.shape.length === 2 ? t.shape[1]! : n;
    if (rows <= 1 || cols <= 1 || rows * cols !== n) return row(0, n);
    const out: string[] = [];
    for (let r = 0; r < rows; r++) out.push(row(r * cols, (r + 1) * cols));
    return `[${out.join(', ')}]`;
  }
  return `[${t.shape.join(', ')}] ‖·‖=${formatNumber(tensorNorm(t.data), 3)}`;
}
