// An expression tree as TeX (KaTeX) and as plain text, with the fewest parentheses its precedence needs.
import type { Expr } from './ast.ts';
import { writtenSize } from './evaluate.ts';

/** Beyond this many nodes written out, a tree is summarised instead of written (derivatives of deep nestings). */
export const MAX_WRITTEN = 3000;

const PREC = { '+': 1, '-': 1, '*': 2, '/': 2, neg: 3, '^': 4, atom: 5 } as const;

function precedence(e: Expr): number {
  if (e.kind === 'bin') return PREC[e.op];
  if (e.kind === 'neg') return PREC.neg;
  if (e.kind === 'num' && e.value < 0) return PREC.neg;
  return PREC.atom;
}

/** A name as a TeX symbol: x → x, x1 → x_{1}, x_2 → x_{2}, longer names upright. */
export function texName(name: string): string {
  let m = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (m) return `${m[1]}_{${m[2]}}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  m = /^([A-Za-z])_([A-Za-z0-9]+)$/.exec(name);
  if (m) return `${m[1]}_{\\mathrm{${m[2]}}}`;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function texNumber(v: number, name?: string): string {
  if (name === 'pi') return '\\pi';
  if (name === 'e') return 'e';
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const s = String(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
}

const TEX_FN: Record<string, string> = {
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tanh: '\\tanh', sigmoid: '\\sigma',
  relu: '\\operatorname{relu}', softplus: '\\operatorname{softplus}', min: '\\min', max: '\\max', sign: '\\operatorname{sign}',
};

export function toTex(e: Expr): string {
  const n = writtenSize(e, MAX_WRITTEN);
  return n > MAX_WRITTEN ? `\\text{(more than ${MAX_WRITTEN} terms: too long to show)}` : tex(e);
}

function tex(e: Expr): string {
  const wrap = (x: Expr, min: number): string => (precedence(x) < min ? `\\left(${tex(x)}\\right)` : tex(x));
  switch (e.kind) {
    case 'num': return texNumber(e.value, e.name);
    case 'var': return texName(e.name);
    case 'neg': return `-${wrap(e.arg, PREC.neg + 1)}`;
    case 'bin':
      switch (e.op) {
        case '+': return `${wrap(e.left, 1)} + ${wrap(e.right, 1)}`;
        case '-': return `${wrap(e.left, 1)} - ${wrap(e.right, 2)}`;
        case '*': {
          const l = wrap(e.left, 2), r = wrap(e.right, 2); // a·(b·c) = a·b·c: no parentheses needed on the right either
          // 2x, 2\sigma(x): a number before a symbol needs no dot
          return e.left.kind === 'num' && e.right.kind !== 'num' && !r.startsWith('-') ? `${l}\\,${r}` : `${l} \\cdot ${r}`;
        }
        case '/': return `\\frac{${tex(e.left)}}{${tex(e.right)}}`;
        case '^': return `{${wrap(e.left, PREC.atom)}}^{${tex(e.right)}}`;
      }
    // falls through: never reached, every operator returns
    case 'call': {
      const c = e as Extract<Expr, { kind: 'call' }>;
      const args = c.args.map(tex);
      if (c.fn === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (c.fn === 'abs') return `\\left|${args[0]}\\right|`;
      if (c.fn === 'pow') return `{${wrap(c.args[0]!, PREC.atom)}}^{${args[1]}}`;
      if (c.fn === 'step') return `\\mathbb{1}\\left[${args[0]} > 0\\right]`;
      if (c.fn === 'half') return `H\\!\\left(${args[0]}\\right)`;
      return `${TEX_FN[c.fn]}\\left(${args.join(',\\, ')}\\right)`;
    }
  }
}

/** The tree as an expression the parser reads back (derived functions included: sign, step, half). */
export function toText(e: Expr): string {
  const n = writtenSize(e, MAX_WRITTEN);
  return n > MAX_WRITTEN ? `(more than ${MAX_WRITTEN} terms)` : text(e);
}

function text(e: Expr): string {
  const wrap = (x: Expr, min: number): string => (precedence(x) < min ? `(${text(x)})` : text(x));
  switch (e.kind) {
    case 'num': return e.name ?? (e.value < 0 ? `(${e.value})` : String(e.value));
    case 'var': return e.name;
    case 'neg': return `-${wrap(e.arg, PREC.neg + 1)}`;
    case 'bin': {
      const right = e.op === '^' ? wrap(e.right, PREC.neg) : wrap(e.right, PREC[e.op] + (e.op === '+' || e.op === '*' ? 0 : 1));
      const left = wrap(e.left, e.op === '^' ? PREC.atom : PREC[e.op]);
      return `${left} ${e.op} ${right}`;
    }
    case 'call': return `${e.fn}(${e.args.map(text).join(', ')})`;
  }
}
