import { CliError } from './io.ts';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--switch`; `boolean` lists the flags that take no value. */
export function parseArgs(args: readonly string[], known: { value: readonly string[]; boolean: readonly string[] }): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (known.boolean.includes(name)) {
      if (eq >= 0) throw new CliError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (known.value.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      const all = [...known.value, ...known.boolean].map((f) => `--${f}`).join(', ') || 'none';
      throw new CliError(`unknown option ${a} (options: ${all})`);
    }
  }
  return { positional, flags };
}

export function numberFlag(flags: ParsedArgs['flags'], name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isFinite(n) || !check(n)) throw new CliError(`--${name} ${String(raw)}: expected ${what}`);
  return n;
}

export function oneFile(parsed: ParsedArgs, usage: string): string {
  if (parsed.positional.length !== 1) throw new CliError(`expected one FILE: ${usage}`);
  return parsed.positional[0]!;
}
