// Command-line flags: node:util's parseArgs (strict), plain decimal numbers, and errors that name the flag.
import { parseArgs as parseNodeArgs } from 'node:util';
import { printable, quote } from '../engine/index.ts';
import { CliError } from './io.ts';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--switch`; `boolean` lists the flags that take no value. */
export function parseArgs(args: readonly string[], known: { value: readonly string[]; boolean: readonly string[] }): ParsedArgs {
  const options = Object.fromEntries([
    ...known.value.map((name) => [name, { type: 'string' as const }]),
    ...known.boolean.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new CliError(flagError(e as Error & { code?: string }, known));
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '') throw new CliError(`--${name} needs a value`);
    if (typeof value === 'string' || value === true) flags.set(name, value);
  }
  return { positional: parsed.positionals, flags };
}

/** node:util's error, said our way: one line naming the flag. */
function flagError(e: Error & { code?: string }, known: { value: readonly string[]; boolean: readonly string[] }): string {
  const flag = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
  const shown = printable(flag);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const all = [...known.value, ...known.boolean].map((f) => `--${f}`).join(', ') || 'none';
    return `unknown option ${shown} (options: ${all})`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (known.boolean.includes(flag.replace(/^--?/, ''))) return `${shown} takes no value`;
    if (/ambiguous/.test(e.message)) return `${shown} needs a value (write ${shown}=VALUE for a value that starts with "-")`;
    return `${shown} needs a value`;
  }
  return printable(e.message.split('\n')[0] ?? '', 200);
}

/** A plain decimal: optional sign, digits with an optional fraction, optional exponent. No hex, blanks, `_` or Infinity. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value as the user typed it, quoted when it holds blanks or is not a plain token. */
const shownValue = (raw: string): string => (/^[\w.+-]+$/.test(raw) ? raw : quote(raw));

/** `--name` as a number that passes `check`, or `fallback` when absent; the error names the flag and the value. */
export function numberFlag(flags: ParsedArgs['flags'], name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (raw === true) throw new CliError(`--${name} needs a value`);
  const n = DECIMAL.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || !check(n)) throw new CliError(`--${name} ${shownValue(raw)}: expected ${what}`);
  return n;
}

/** As numberFlag, but undefined when the flag is absent (train's overrides keep the file's settings). */
export function optionalNumberFlag(flags: ParsedArgs['flags'], name: string, check: (n: number) => boolean, what: string): number | undefined {
  return flags.has(name) ? numberFlag(flags, name, 0, check, what) : undefined;
}

/** A string flag, or undefined; `required` names the usage to show when it is missing. */
export function stringFlag(flags: ParsedArgs['flags'], name: string, required?: string): string | undefined {
  const raw = flags.get(name);
  if (raw === true) throw new CliError(`--${name} needs a value`);
  if (raw === undefined && required !== undefined) throw new CliError(`--${name} is required: ${required}`);
  return raw;
}

export function oneFile(parsed: ParsedArgs, usage: string): string {
  if (parsed.positional.length !== 1) throw new CliError(`expected one FILE: ${usage}`);
  return parsed.positional[0]!;
}
