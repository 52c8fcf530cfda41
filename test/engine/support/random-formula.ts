// Random formula expressions over given input names, seeded, using every function of the language and
// staying inside every domain for inputs in [-2, 2]: logs, square roots, divisions and powers with a
// variable exponent get arguments built to be positive (1 + u², eᵘ, softplus(u) + 0.1, …), exponents
// stay small, and exp and powers see bounded arguments (tanh, sigmoid), so nothing overflows.
import { FUNCTIONS } from '../../../engine/index.ts';

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const constant = (r: Rng): string => String(Math.round((r() * 4 - 2) * 100) / 100 || 0.5);

/** An expression bounded in size and value (|value| stays moderate for inputs in [-2, 2]). */
function bounded(r: Rng, names: readonly string[], depth: number): string {
  if (depth <= 0 || r() < 0.2) return r() < 0.75 ? pick(r, names) : constant(r);
  const a = () => bounded(r, names, depth - 1);
  const p = () => positive(r, names, depth - 1);
  const choices: (() => string)[] = [
    () => `${a()} + ${a()}`, () => `${a()} - ${a()}`, () => `${a()} * ${a()}`, () => `-${a()}`,
    () => `${a()} / ${p()}`, () => `(${a()})^2`, () => `tanh(${a()})`, () => `sigmoid(${a()})`,
    () => `sin(${a()})`, () => `cos(${a()})`, () => `exp(tanh(${a()}))`, () => `log(${p()})`, () => `sqrt(${p()})`,
    () => `abs(${a()})`, () => `relu(${a()})`, () => `softplus(${a()})`, () => `pow(${p()}, tanh(${a()}))`,
    () => `min(${a()}, ${a()})`, () => `max(${a()}, ${a()})`, () => `${p()} ^ sigmoid(${a()})`, () => `pi * ${a()} / e`,
  ];
  return `(${pick(r, choices)()})`;
}

/** An expression whose value is at least about 0.1. */
function positive(r: Rng, names: readonly string[], depth: number): string {
  const a = () => bounded(r, names, depth - 1);
  return pick(r, [() => `(1 + (${a()})^2)`, () => `exp(tanh(${a()}))`, () => `(softplus(${a()}) + 0.1)`, () => `(sigmoid(${a()}) + 0.05)`, () => `(abs(${a()}) + 0.5)`, () => `(2 + cos(${a()}))`])();
}

/** `count` expressions over `names`; together they call every function of the language. */
export function randomFormulas(r: Rng, names: readonly string[], count: number, depth = 4): string[] {
  // at least two calls or operators and an input: no bare leaves
  const one = (): string => { for (;;) { const e = bounded(r, names, depth); if (/[a-z]\(.*[a-z]\(|[+*/^-].*[+*/^-]/.test(e) && names.some((n) => new RegExp(`\\b${n}\\b`).test(e))) return e; } };
  const out = Array.from({ length: count }, one);
  // one expression that surely names each function once
  out.push(`exp(tanh(${names[0]})) + log(2 + cos(${names.at(-1)})) + sqrt(1 + ${names[0]}^2) + abs(${names.at(-1)}) + sin(${names[0]}) * cos(${names.at(-1)}) + tanh(${names[0]}) + sigmoid(${names.at(-1)}) + relu(${names[0]}) + softplus(${names.at(-1)}) + pow(1.5 + sin(${names[0]}), ${names.at(-1)}) + min(${names[0]}, ${names.at(-1)}) + max(${names[0]}, 0.3)`);
  return out;
}

export const ALL_FUNCTIONS = Object.keys(FUNCTIONS);
