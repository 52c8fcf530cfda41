// A formula module's expression tree as one torch expression over its inputs' variables. Sub-expressions
// that read no input are folded to their value (as the engine evaluates them); a constant where torch
// needs a tensor (minimum, maximum, a constant formula) becomes torch.full_like of the first input.
// softplus is torch.logaddexp(u, 0): the overflow-free log(1 + eᵘ) the engine computes, where F.softplus
// switches to u above 20 and so differs in value and gradient there.
import { compileScalar, isConstant, type Expr } from '../../engine/index.ts';
import { pyNumber } from './python.ts';

const TORCH: Record<string, string> = {
  exp: 'torch.exp', log: 'torch.log', sqrt: 'torch.sqrt', abs: 'torch.abs', sin: 'torch.sin', cos: 'torch.cos',
  tanh: 'torch.tanh', sigmoid: 'torch.sigmoid', relu: 'torch.relu', sign: 'torch.sign',
};

// Python precedence: + - (1) < * / (2) < unary - (3) < ** (4) < atoms (5)
const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };

export function formulaPython(tree: Expr, vars: readonly string[]): string {
  const ref = vars[0]!;
  const value = (e: Expr): number => compileScalar(e)([]);
  const number = (v: number): string => (!Number.isFinite(v) ? `float("${v === Infinity ? 'inf' : v === -Infinity ? '-inf' : 'nan'}")` : v < 0 || Object.is(v, -0) ? `(${pyNumber(v)})` : pyNumber(v));
  const tensorOf = (e: Expr): string => (isConstant(e) ? `torch.full_like(${ref}, ${number(value(e))})` : emit(e)[0]);
  /** [text, precedence] */
  function emit(e: Expr): [string, number] {
    if (isConstant(e)) return [number(value(e)), 5];
    switch (e.kind) {
      case 'num': return [number(e.value), 5];
      case 'var': return [vars[e.index]!, 5];
      case 'neg': { const [a, p] = emit(e.arg); return [`-${p < 4 ? `(${a})` : a}`, 3]; }
      case 'bin': {
        const prec = PREC[e.op]!;
        const [l, lp] = emit(e.left), [r, rp] = emit(e.right);
        if (e.op === '^') return [`${lp <= 4 ? `(${l})` : l} ** ${rp < 3 ? `(${r})` : r}`, 4];
        const left = lp < prec ? `(${l})` : l;
        const right = rp < prec || (rp === prec && (e.op === '-' || e.op === '/')) ? `(${r})` : r;
        return [`${left} ${e.op} ${right}`, prec];
      }
      case 'call': {
        const [u, w] = e.args as [Expr, Expr | undefined];
        switch (e.fn) {
          case 'softplus': { const a = emit(u)[0]; return [`torch.logaddexp(${a}, torch.zeros_like(${a}))`, 5]; }
          case 'pow': return emit({ kind: 'bin', op: '^', left: u, right: w! });
          case 'min': return [`torch.minimum(${tensorOf(u)}, ${tensorOf(w!)})`, 5];
          case 'max': return [`torch.maximum(${tensorOf(u)}, ${tensorOf(w!)})`, 5];
          case 'step': return [`(${emit(u)[0]} > 0).to(${ref}.dtype)`, 5];
          case 'half': { const a = emit(u)[0]; return [`((${a} > 0).to(${ref}.dtype) + (${a} >= 0).to(${ref}.dtype)) / 2`, 2]; }
          default: return [`${TORCH[e.fn]}(${emit(u)[0]})`, 5];
        }
      }
    }
  }
  return isConstant(tree) ? tensorOf(tree) : emit(tree)[0];
}
