import { printable } from '../engine/index.ts';

/** A cell shows at most this many characters: node ids come from the file. */
const CELL_CHARS = 48;

/** Left-aligned text columns, for terminals; every cell printable and cut to CELL_CHARS. */
export function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((r) => r.map((c) => printable(c, CELL_CHARS)));
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function num(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(6).replace(/\.?0+$/, '') : x.toExponential(4).replace(/\.?0+e/, 'e');
}

export function tensorText(t: { shape: readonly number[]; data: ArrayLike<number> }, max = 6): string {
  if (t.data.length <= max) return `[${Array.from(t.data, num).join(', ')}]`;
  let s = 0;
  for (let i = 0; i < t.data.length; i++) s += t.data[i]! ** 2;
  return `[${t.shape.join('×')}] ‖·‖=${num(Math.sqrt(s))}`;
}
