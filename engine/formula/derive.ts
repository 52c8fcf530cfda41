// Exact symbolic partial derivatives of an expression tree, simplified as they are built (ast.ts).
// Non-smooth points take PyTorch's choice, so gradients equal autograd's everywhere: d|u| = sign(u)
// (0 at 0), relu′ = step(u) (0 at 0), and max/min split a tie in halves (`half`).
import { add, call as node, div, mul, neg, num, ONE, pow, sub, ZERO, type Expr, type FunctionName } from './ast.ts';
import { FUNCTION_VALUES } from './evaluate.ts';

const call = (fn: FunctionName, args: readonly Expr[]): Expr => node(fn, args, (f, xs) => FUNCTION_VALUES[f](...xs));

/**
 * ∂e/∂(variable `index`). Trees share subtrees (a derivative refers to parts of what it derives), so
 * each distinct node is derived once (memoised by identity): the time and the size of the result grow
 * with the number of distinct nodes, not with the paths through them, which could be exponential.
 */
export function derive(e: Expr, index: number): Expr {
  const memo = new Map<Expr, Expr>();
  const d = (x: Expr): Expr => {
    let r = memo.get(x);
    if (r === undefined) memo.set(x, r = deriveNode(x, index, d));
    return r;
  };
  return d(e);
}

type Derive = (e: Expr) => Expr;

function deriveNode(e: Expr, index: number, derive: Derive): Expr {
  switch (e.kind) {
    case 'num': return ZERO;
    case 'var': return e.index === index ? ONE : ZERO;
    case 'neg': return neg(derive(e.arg));
    case 'bin': return binary(e, derive);
    case 'call': return chain(e.fn, e.args, derive);
  }
}

function binary(e: Extract<Expr, { kind: 'bin' }>, derive: Derive): Expr {
  const { left: u, right: v } = e;
  const du = derive(u), dv = derive(v);
  switch (e.op) {
    case '+': return add(du, dv);
    case '-': return sub(du, dv);
    case '*': return add(mul(du, v), mul(u, dv));
    // (u/v)′ = u′/v − u v′/v²
    case '/': return sub(div(du, v), div(mul(u, dv), pow(v, num(2))));
    case '^': return powerRule(u, v, du, dv);
  }
}

/** (u^v)′ = v u^(v−1) u′ + u^v log(u) v′, each term only where it can be non-zero (as torch's pow backward). */
function powerRule(u: Expr, v: Expr, du: Expr, dv: Expr): Expr {
  const base = mul(mul(v, pow(u, sub(v, ONE))), du);
  if (v.kind === 'num' || dv.kind === 'num' && dv.value === 0) return base;
  return add(base, mul(mul(pow(u, v), call('log', [u])), dv));
}

function chain(fn: Extract<Expr, { kind: 'call' }>['fn'], args: readonly Expr[], derive: Derive): Expr {
  const [u, w] = args as [Expr, Expr | undefined];
  const du = derive(u);
  const f = (x: Expr): Expr => mul(x, du);
  switch (fn) {
    case 'exp': return f(call('exp', [u]));
    case 'log': return div(du, u);
    case 'sqrt': return div(du, mul(num(2), call('sqrt', [u])));
    case 'abs': return f(call('sign', [u]));
    case 'sin': return f(call('cos', [u]));
    case 'cos': return neg(f(call('sin', [u])));
    case 'tanh': return f(sub(ONE, pow(call('tanh', [u]), num(2))));
    case 'sigmoid': return f(mul(call('sigmoid', [u]), sub(ONE, call('sigmoid', [u]))));
    case 'relu': return f(call('step', [u]));
    case 'softplus': return f(call('sigmoid', [u]));
    case 'pow': return powerRule(u, w!, du, derive(w!));
    case 'max': return add(f(call('half', [sub(u, w!)])), mul(call('half', [sub(w!, u)]), derive(w!)));
    case 'min': return add(f(call('half', [sub(w!, u)])), mul(call('half', [sub(u, w!)]), derive(w!)));
    case 'sign': case 'step': case 'half': return ZERO;
  }
}
