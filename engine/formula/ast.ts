// The expression tree of a formula module, and constructors that simplify as they build (constant
// folding, 0 and 1 identities, double negation), so derivatives come out short enough to read and to
// render. Every rule is an identity of real numbers (0·u = 0 even where u is undefined: the derivative
// of x·y by x is y), applied only to what the tree states; nothing is rearranged beyond it.

/** Functions the user may call, with their number of arguments. */
export const FUNCTIONS = {
  exp: 1, log: 1, sqrt: 1, abs: 1, sin: 1, cos: 1, tanh: 1, sigmoid: 1, relu: 1, softplus: 1,
  pow: 2, min: 2, max: 2,
} as const;
export type UserFunction = keyof typeof FUNCTIONS;

/**
 * Functions that only derivatives produce: sign (d|u|), step (relu′: 1 where u > 0, else 0) and
 * half (max/min′: 1 where u > 0, ½ at 0, 0 below, as torch splits a tie).
 */
export type DerivedFunction = 'sign' | 'step' | 'half';
export type FunctionName = UserFunction | DerivedFunction;

export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { readonly kind: 'num'; readonly value: number; /** `pi` or `e` when written so. */ readonly name?: string }
  | { readonly kind: 'var'; readonly index: number; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; /** 1-based column of the operator. */ readonly column?: number }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[]; /** 1-based column of the name. */ readonly column?: number };

export const num = (value: number): Expr => ({ kind: 'num', value });
export const ZERO = num(0), ONE = num(1);

const isNum = (e: Expr): e is Extract<Expr, { kind: 'num' }> => e.kind === 'num';
/** e is the number v (a plain boolean: false must not narrow e's type). */
const is = (e: Expr, v: number): boolean => e.kind === 'num' && e.value === v;

/** Whether the tree reads no input: its value is one number. */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'num': return true;
    case 'var': return false;
    case 'neg': return isConstant(e.arg);
    case 'bin': return isConstant(e.left) && isConstant(e.right);
    case 'call': return e.args.every(isConstant);
  }
}

export function neg(a: Expr): Expr {
  if (isNum(a)) return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  if (a.kind === 'bin' && a.op === '*' && isNum(a.left)) return mul(num(-a.left.value), a.right); // −(2x) = −2x
  return { kind: 'neg', arg: a };
}

export function add(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value + b.value);
  if (is(a, 0)) return b;
  if (is(b, 0)) return a;
  if (b.kind === 'neg') return sub(a, b.arg);
  return { kind: 'bin', op: '+', left: a, right: b };
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value - b.value);
  if (is(b, 0)) return a;
  if (is(a, 0)) return neg(b);
  if (b.kind === 'neg') return add(a, b.arg);
  // (y − 1) − 1 = y − 2
  if (isNum(b) && a.kind === 'bin' && (a.op === '-' || a.op === '+') && isNum(a.right)) return sub(a.left, num(a.op === '-' ? a.right.value + b.value : b.value - a.right.value));
  return { kind: 'bin', op: '-', left: a, right: b };
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value * b.value);
  if (is(a, 0) || is(b, 0)) return ZERO;
  if (is(a, 1)) return b;
  if (is(b, 1)) return a;
  if (is(a, -1)) return neg(b);
  if (is(b, -1)) return neg(a);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  // a number goes first, and two numbers meet: 2·(3·x) = 6·x
  if (isNum(b)) return mul(b, a);
  if (isNum(a) && b.kind === 'bin' && b.op === '*' && isNum(b.left)) return mul(num(a.value * b.left.value), b.right);
  return { kind: 'bin', op: '*', left: a, right: b };
}

export function div(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b) && b.value !== 0) return num(a.value / b.value);
  if (is(a, 0)) return ZERO;
  if (is(b, 1)) return a;
  if (a.kind === 'neg') return neg(div(a.arg, b));
  return { kind: 'bin', op: '/', left: a, right: b };
}

export function pow(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value ** b.value);
  if (is(b, 0)) return ONE;
  if (is(b, 1)) return a;
  // (a²)² = a⁴: only for whole exponents, where it holds for every real a
  if (isNum(b) && Number.isInteger(b.value) && a.kind === 'bin' && a.op === '^' && isNum(a.right) && Number.isInteger(a.right.value)) return pow(a.left, num(a.right.value * b.value));
  return { kind: 'bin', op: '^', left: a, right: b };
}

/** A call; of numbers only, its value (log(e) = 1), through `fold` (evaluate.ts' functions, given by derive). */
export function call(fn: FunctionName, args: readonly Expr[], fold?: (fn: FunctionName, args: number[]) => number): Expr {
  if (fold && args.every(isNum)) return num(fold(fn, args.map((a) => (a as { value: number }).value)));
  return { kind: 'call', fn, args };
}

/** The same tree, with positions dropped (derivatives have no place in the text). */
export function sameTree(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'num': return a.value === (b as typeof a).value || (Number.isNaN(a.value) && Number.isNaN((b as typeof a).value));
    case 'var': return a.index === (b as typeof a).index;
    case 'neg': return sameTree(a.arg, (b as typeof a).arg);
    case 'bin': { const o = b as typeof a; return a.op === o.op && sameTree(a.left, o.left) && sameTree(a.right, o.right); }
    case 'call': { const o = b as typeof a; return a.fn === o.fn && a.args.length === o.args.length && a.args.every((x, i) => sameTree(x, o.args[i]!)); }
  }
}
