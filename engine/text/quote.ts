// Text that came from a file, made safe to show: control characters escaped, length bounded (issue 8.8).

const MAX_SHOWN = 60;

/** `text` with control characters (C0, DEL, C1, line and paragraph separators) escaped as \n, \t or \u001b, cut at `max` characters. */
export function printable(text: string, max = MAX_SHOWN): string {
  const chars = Array.from(String(text));
  const kept = chars.length > max ? chars.slice(0, max) : chars;
  const shown = kept.map(escapeControl).join('');
  return chars.length > max ? `${shown}… (${chars.length} characters)` : shown;
}

/** `text` in double quotes, printable, for messages that name a node, port, kind or field from a file. */
export function quote(text: string, max = MAX_SHOWN): string {
  return `"${printable(text, max)}"`;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029;
  if (!isControl) return ch;
  return NAMED[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}
