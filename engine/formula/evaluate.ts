// An expression tree compiled once into nested closures over one array of input values, and the
// scalar functions it calls (sigmoid and softplus in their overflow-free forms).
import type { Expr, FunctionName } from './ast.ts';

export type Scalar = (vars: ArrayLike<number>) => number;

export const sigmoid = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

/** log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): torch.logaddexp(x, 0), finite for every finite x. */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

export const FUNCTION_VALUES: { readonly [F in FunctionName]: (...a: number[]) => number } = {
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs, sin: Math.sin, cos: Math.cos, tanh: Math.tanh,
  sigmoid, relu: (x) => (x > 0 ? x : 0), softplus,
  pow: (a, b) => a ** b,
  // NaN in, NaN out (as torch.maximum / minimum), which Math.max also does
  min: (a, b) => Math.min(a, b), max: (a, b) => Math.max(a, b),
  sign: Math.sign, step: (x) => (x > 0 ? 1 : 0), half: (x) => (x > 0 ? 1 : x < 0 ? 0 : x === 0 ? 0.5 : NaN),
};

type Step = (slots: Float64Array, x: ArrayLike<number>) => void;

/**
 * The tree compiled to one pass over its distinct nodes (shared subtrees, as derivatives have them,
 * are computed once per call): each node writes its value into a slot from its children's slots.
 */
export function compileScalar(e: Expr): Scalar {
  const slotOf = new Map<Expr, number>();
  const steps: Step[] = [];
  const visit = (x: Expr): number => {
    const known = slotOf.get(x);
    if (known !== undefined) return known;
    const kids = x.kind === 'neg' ? [visit(x.arg)] : x.kind === 'bin' ? [visit(x.left), visit(x.right)] : x.kind === 'call' ? x.args.map(visit) : [];
    const k = steps.length;
    steps.push(stepOf(x, k, kids));
    slotOf.set(x, k);
    return k;
  };
  const root = visit(e);
  const slots = new Float64Array(steps.length);
  if (steps.length === 1 && e.kind === 'num') { const v = e.value; return () => v; }
  return (x) => {
    for (let i = 0; i < steps.length; i++) steps[i]!(slots, x);
    return slots[root]!;
  };
}

function stepOf(e: Expr, k: number, [a = 0, b = 0]: number[]): Step {
  switch (e.kind) {
    case 'num': { const v = e.value; return (s) => { s[k] = v; }; }
    case 'var': { const i = e.index; return (s, x) => { s[k] = x[i]!; }; }
    case 'neg': return (s) => { s[k] = -s[a]!; };
    case 'bin':
      switch (e.op) {
        case '+': return (s) => { s[k] = s[a]! + s[b]!; };
        case '-': return (s) => { s[k] = s[a]! - s[b]!; };
        case '*': return (s) => { s[k] = s[a]! * s[b]!; };
        case '/': return (s) => { s[k] = s[a]! / s[b]!; };
        case '^':
          if (e.right.kind === 'num' && e.right.value === 2) return (s) => { const v = s[a]!; s[k] = v * v; };
          return (s) => { s[k] = s[a]! ** s[b]!; };
      }
    // falls through: never reached, every operator returns
    case 'call': {
      const c = e as Extract<Expr, { kind: 'call' }>;
      const fn = FUNCTION_VALUES[c.fn];
      if (c.args.length === 1) return (s) => { s[k] = fn(s[a]!); };
      return (s) => { s[k] = fn(s[a]!, s[b]!); };
    }
  }
}

/** The number of nodes of the tree written out (shared subtrees counted each time), stopping at `cap`. */
export function writtenSize(e: Expr, cap = 1e6): number {
  const memo = new Map<Expr, number>();
  const size = (x: Expr): number => {
    const m = memo.get(x);
    if (m !== undefined) return m;
    const kids = x.kind === 'neg' ? [x.arg] : x.kind === 'bin' ? [x.left, x.right] : x.kind === 'call' ? x.args : [];
    let n = 1;
    for (const c of kids) { n += size(c); if (n > cap) break; }
    n = Math.min(n, cap + 1);
    memo.set(x, n);
    return n;
  };
  return size(e);
}
