/** Left-aligned text columns, for terminals. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
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
