// Where an expression leaves the real numbers for given inputs: the first sub-expression (leftmost,
// innermost) that turns finite arguments into NaN or ±Infinity, named with its column.
import type { Expr } from './ast.ts';
import { FUNCTION_VALUES } from './evaluate.ts';

export interface DomainProblem {
  /** e.g. "log of -0.5 (log needs a positive number)". */
  readonly what: string;
  readonly column?: number;
}

const fmt = (v: number): string => String(Number(v.toPrecision(6)));

const NEEDS: Record<string, string> = {
  log: 'log needs a positive number', sqrt: 'sqrt needs a number ≥ 0', pow: 'a negative base needs a whole exponent, and 0 a positive one',
  exp: 'exp overflows past 709.78', '/': 'division by zero', '^': 'a negative base needs a whole exponent, and 0 a positive one',
};

/** The value of `e` at `vars`, or the first problem on the way. */
export function findDomainProblem(e: Expr, vars: ArrayLike<number>): DomainProblem | null {
  let problem: DomainProblem | null = null;
  const visit = (x: Expr): number => {
    switch (x.kind) {
      case 'num': return x.value;
      case 'var': return vars[x.index]!;
      case 'neg': return -visit(x.arg);
      case 'bin': {
        const a = visit(x.left), b = visit(x.right);
        const v = x.op === '+' ? a + b : x.op === '-' ? a - b : x.op === '*' ? a * b : x.op === '/' ? a / b : a ** b;
        if (!problem && Number.isFinite(a) && Number.isFinite(b) && !Number.isFinite(v) && (x.op === '/' || x.op === '^')) {
          problem = { what: x.op === '/' ? `${fmt(a)} / ${fmt(b)} (${NEEDS['/']})` : `${fmt(a)} ^ ${fmt(b)} (${NEEDS['^']})`, ...(x.column ? { column: x.column } : {}) };
        }
        return v;
      }
      case 'call': {
        const args = x.args.map(visit);
        const v = FUNCTION_VALUES[x.fn](...args);
        if (!problem && args.every(Number.isFinite) && !Number.isFinite(v)) {
          problem = { what: `${x.fn}(${args.map(fmt).join(', ')}) = ${v} (${NEEDS[x.fn] ?? 'outside its domain'})`, ...(x.column ? { column: x.column } : {}) };
        }
        return v;
      }
    }
  };
  visit(e);
  return problem;
}
