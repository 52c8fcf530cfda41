// Tokenizer and parser of formula expressions. Grammar (precedence low to high):
//   sum     = product (("+" | "-") product)*
//   product = unary (("*" | "/") unary)*
//   unary   = "-" unary | "+" unary | power
//   power   = atom ("^" unary)?            right-associative, binds tighter than unary minus: -x^2 = -(x^2)
//   atom    = number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
// Every error names its 1-based column; an unknown name suggests the nearest known one.
import { CONSTANTS, FUNCTIONS, type Expr, type UserFunction } from './ast.ts';

export class FormulaError extends Error {
  constructor(message: string, readonly column: number, readonly length = 1) {
    super(message);
    this.name = 'FormulaError';
  }
}

type Token =
  | { readonly type: 'num'; readonly value: number; readonly column: number; readonly text: string }
  | { readonly type: 'name'; readonly text: string; readonly column: number }
  | { readonly type: 'op'; readonly text: string; readonly column: number }
  | { readonly type: 'end'; readonly text: ''; readonly column: number };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const rest = text.slice(i);
    const n = NUMBER.exec(rest);
    if (n) { out.push({ type: 'num', value: Number(n[0]), column: i + 1, text: n[0] }); i += n[0].length; continue; }
    const w = NAME.exec(rest);
    if (w) { out.push({ type: 'name', text: w[0], column: i + 1 }); i += w[0].length; continue; }
    if ('+-*/^(),'.includes(c)) { out.push({ type: 'op', text: c, column: i + 1 }); i++; continue; }
    if (c === '×' || c === '·') { out.push({ type: 'op', text: '*', column: i + 1 }); i++; continue; }
    throw new FormulaError(`unexpected character \`${c}\` at column ${i + 1}`, i + 1);
  }
  out.push({ type: 'end', text: '', column: text.length + 1 });
  return out;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return d[b.length]!;
}

/** The nearest of `known` to `name` when it is close (at most a third of its letters off), else null. */
export function nearest(name: string, known: readonly string[]): string | null {
  let best: string | null = null, bestD = Infinity;
  for (const k of known) {
    const dist = distance(name.toLowerCase(), k.toLowerCase());
    if (dist < bestD) { best = k; bestD = dist; }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

const mean = (s: string | null): string => (s ? ` — did you mean \`${s}\`?` : '');
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as UserFunction[];

/** Parses `text` over the input names (their positions are the variables' indices); throws FormulaError. */
export function parseFormula(text: string, inputs: readonly string[]): Expr {
  if (text.trim() === '') throw new FormulaError('the expression is empty', 1);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const describe = (t: Token): string => (t.type === 'end' ? 'the end of the expression' : `\`${t.text}\``);
  const expect = (op: string, context: string): Token => {
    const t = next();
    if (t.type !== 'op' || t.text !== op) throw new FormulaError(`expected \`${op}\` ${context} at column ${t.column}, found ${describe(t)}`, t.column);
    return t;
  };
  const isOp = (t: Token, ...ops: string[]): boolean => t.type === 'op' && ops.includes(t.text);

  function sum(): Expr {
    let left = product();
    while (isOp(peek(), '+', '-')) {
      const t = next();
      left = { kind: 'bin', op: t.text as '+' | '-', left, right: product(), column: t.column };
    }
    return left;
  }
  function product(): Expr {
    let left = unary();
    while (isOp(peek(), '*', '/')) {
      const t = next();
      left = { kind: 'bin', op: t.text as '*' | '/', left, right: unary(), column: t.column };
    }
    return left;
  }
  function unary(): Expr {
    if (isOp(peek(), '-')) { next(); return { kind: 'neg', arg: unary() }; }
    if (isOp(peek(), '+')) { next(); return unary(); }
    return power();
  }
  function power(): Expr {
    const base = atom();
    if (!isOp(peek(), '^')) return base;
    const t = next();
    return { kind: 'bin', op: '^', left: base, right: unary(), column: t.column };
  }
  function atom(): Expr {
    const t = next();
    if (t.type === 'num') return { kind: 'num', value: t.value };
    if (isOp(t, '(')) {
      const inner = sum();
      expect(')', `to close the \`(\` of column ${t.column}`);
      return inner;
    }
    if (t.type === 'name') return named(t);
    throw new FormulaError(`expected a number, an input or a function at column ${t.column}, found ${describe(t)}`, t.column);
  }
  function named(t: Extract<Token, { type: 'name' }>): Expr {
    const isCall = isOp(peek(), '(');
    if (isCall) {
      if (!Object.hasOwn(FUNCTIONS, t.text)) {
        const known = inputs.includes(t.text) ? ` (\`${t.text}\` is an input, not a function)` : mean(nearest(t.text, FUNCTION_NAMES));
        throw new FormulaError(`unknown function \`${t.text}\` at column ${t.column}${known}`, t.column, t.text.length);
      }
      const fn = t.text as UserFunction;
      const open = next();
      const args = [sum()];
      while (isOp(peek(), ',')) { next(); args.push(sum()); }
      expect(')', `to close \`${fn}(\` of column ${open.column}`);
      const arity = FUNCTIONS[fn];
      if (args.length !== arity) {
        throw new FormulaError(`\`${fn}\` takes ${arity} argument${arity > 1 ? 's' : ''}, got ${args.length}, at column ${t.column}`, t.column, t.text.length);
      }
      return { kind: 'call', fn, args, column: t.column };
    }
    const index = inputs.indexOf(t.text);
    if (index >= 0) return { kind: 'var', index, name: t.text };
    if (Object.hasOwn(CONSTANTS, t.text)) return { kind: 'num', value: CONSTANTS[t.text]!, name: t.text };
    if (Object.hasOwn(FUNCTIONS, t.text)) throw new FormulaError(`\`${t.text}\` is a function: write \`${t.text}(…)\` at column ${t.column}`, t.column, t.text.length);
    const guess = nearest(t.text, [...inputs, ...Object.keys(CONSTANTS)]);
    const inputsList = inputs.map((n) => `\`${n}\``).join(', ');
    throw new FormulaError(`unknown name \`${t.text}\` at column ${t.column}${mean(guess)} (the inputs: ${inputsList}; constants \`pi\`, \`e\`)`, t.column, t.text.length);
  }

  const tree = sum();
  const rest = peek();
  if (rest.type !== 'end') {
    const hint = isOp(rest, ')') ? ': no `(` opens it' : rest.type !== 'op' ? ' (an operator is missing before it?)' : '';
    throw new FormulaError(`unexpected ${describe(rest)} at column ${rest.column}${hint}`, rest.column, Math.max(1, rest.text.length));
  }
  return tree;
}

/**
 * The expression with input names replaced (all at once, so x ↔ y swaps): every name token that is
 * not a function call. Text between tokens (spacing) is kept. Throws FormulaError where it does not tokenize.
 */
export function renameInputs(text: string, renames: Readonly<Record<string, string>>): string {
  const tokens = tokenize(text);
  let out = '', last = 0;
  tokens.forEach((t, i) => {
    if (t.type !== 'name' || !Object.hasOwn(renames, t.text)) return;
    const next = tokens[i + 1];
    if (next?.type === 'op' && next.text === '(') return; // a function's name
    out += text.slice(last, t.column - 1) + renames[t.text]!;
    last = t.column - 1 + t.text.length;
  });
  return out + text.slice(last);
}
