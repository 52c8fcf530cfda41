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

export function compileScalar(e: Expr): Scalar {
  switch (e.kind) {
    case 'num': { const v = e.value; return () => v; }
    case 'var': { const i = e.index; return (x) => x[i]!; }
    case 'neg': { const a = compileScalar(e.arg); return (x) => -a(x); }
    case 'bin': {
      const a = compileScalar(e.left), b = compileScalar(e.right);
      switch (e.op) {
        case '+': return (x) => a(x) + b(x);
        case '-': return (x) => a(x) - b(x);
        case '*': return (x) => a(x) * b(x);
        case '/': return (x) => a(x) / b(x);
        case '^': {
          if (e.right.kind === 'num' && e.right.value === 2) return (x) => { const v = a(x); return v * v; };
          return (x) => a(x) ** b(x);
        }
      }
    }
    // falls through: never reached, every operator returns
    case 'call': {
      const fn = FUNCTION_VALUES[(e as Extract<Expr, { kind: 'call' }>).fn];
      const args = (e as Extract<Expr, { kind: 'call' }>).args.map(compileScalar);
      if (args.length === 1) { const [a] = args as [Scalar]; return (x) => fn(a(x)); }
      const [a, b] = args as [Scalar, Scalar];
      return (x) => fn(a(x), b(x));
    }
  }
}
