// Python source text: literals that read back exactly (numbers, strings) and comments that stay comments.

/** The shortest text that Python's float() reads back as exactly this double (JavaScript's own shortest form). */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`no Python literal for ${x}`);
  if (Object.is(x, -0)) return '-0.0';
  return String(x); // "0.1", "1e-8", "1.5e+300": all Python float (or int) literals of the same value
}

/** A Python string literal: JSON's escapes (\" \\ \n \uXXXX) mean the same in Python. */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** Text safe inside a `#` comment: control characters (a newline would end the comment) become spaces. */
export function commentText(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
}

/** Text safe inside a raw docstring (r"""…"""): one line, and no quote run that would end it. */
export function docText(s: string): string {
  return commentText(s).replace(/"(?="")/g, "'");
}

/**
 * Numbers as Python list items, `perLine` to a line, every line indented by `indent`, a comma after
 * each: `[` and `]` are the caller's.
 */
export function numberLines(values: ArrayLike<number>, perLine: number, indent: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    const row: string[] = [];
    for (let j = i; j < Math.min(i + perLine, values.length); j++) row.push(pyNumber(values[j]!));
    lines.push(`${indent}${row.join(', ')},`);
  }
  return lines;
}

/** How many numbers go on one line: whole rows of `width`, about `chars` characters. */
export function numbersPerLine(width: number, chars = 100): number {
  const rows = Math.max(1, Math.floor(chars / 20 / Math.max(1, width)));
  return width * rows;
}

/** Lines `code  # comment`, the comments aligned in one column (at most `maxColumn`). */
export function withComments(lines: readonly { code: string; comment?: string }[], maxColumn = 60): string[] {
  const column = Math.min(maxColumn, Math.max(0, ...lines.filter((l) => l.comment).map((l) => l.code.length)));
  return lines.map(({ code, comment }) => (comment ? `${code.padEnd(column)}  # ${commentText(comment)}` : code));
}
