import { describe, expect, it } from 'vitest';
import { printable, quote } from '../../engine/text/quote.ts';

describe('quote and printable (text from a file shown in a message)', () => {
  it('escapes terminal control sequences so they cannot retitle or clear the terminal', () => {
    const title = '\u001b]0;pwned\u0007';
    const clear = '\u001b[2J';
    expect(quote(title)).toBe('"\\u001b]0;pwned\\u0007"');
    expect(printable(clear)).toBe('\\u001b[2J');
    const codes = Array.from(quote(title + clear), (c) => c.codePointAt(0)!);
    expect(codes.filter((c) => c < 0x20 || (c >= 0x7f && c < 0xa0))).toEqual([]);
  });

  it('keeps a newline in a kind on one line', () => {
    expect(quote('lin\near')).toBe('"lin\\near"');
    expect(quote('a\u2028b\u0085c')).toBe('"a\\u2028b\\u0085c"');
  });

  it('cuts long text and says how long it was', () => {
    const long = 'x'.repeat(100_000);
    const shown = quote(long);
    expect(shown.length).toBeLessThan(100);
    expect(shown).toContain('(100000 characters)');
    expect(quote('short')).toBe('"short"');
  });

  it('leaves ordinary Unicode alone and never splits a surrogate pair', () => {
    expect(quote('σ(z₂) → ŷ')).toBe('"σ(z₂) → ŷ"');
    expect(printable('😀'.repeat(3), 2)).toBe('😀😀… (3 characters)');
  });
});
