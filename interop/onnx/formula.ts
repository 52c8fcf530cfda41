// A formula node's expression as a model-local function (domain LOSS_DOMAIN, one per formula node):
// its inputs are the formula's variables, its doc_string "y = <expression>" (what the import reads
// back), its body the expression in standard operators. Sub-expressions that read no input are folded
// to their value, as the engine evaluates them; softplus is the engine's overflow-free
// max(u, 0) + log(1 + e^−|u|); step and half (only derivatives make them) compare with 0.
import { compileFormula, compileScalar, isConstant, type Expr } from '../../engine/index.ts';
import { Body } from './mapping.ts';
import { elemType, LOSS_DOMAIN, OPSET, type Dtype, type FunctionProto } from './proto.ts';

const UNARY: Record<string, string> = {
  exp: 'Exp', log: 'Log', sqrt: 'Sqrt', abs: 'Abs', sin: 'Sin', cos: 'Cos', tanh: 'Tanh', sigmoid: 'Sigmoid', relu: 'Relu', sign: 'Sign',
};
const BINARY: Record<string, string> = { '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div', '^': 'Pow', pow: 'Pow', min: 'Min', max: 'Max' };

export const FORMULA_PREFIX = 'Formula';
export const FORMULA_DOC = 'y = ';

export function formulaFunction(name: string, expression: string, inputs: readonly string[], dtype: Dtype): FunctionProto {
  const tree = compileFormula(expression, [...inputs]).tree;
  const b = new Body(dtype);
  const cast = (x: string): string => b.add('Cast', [x], { name: 'to', type: 2, i: elemType(dtype) });
  const emit = (e: Expr): string => {
    if (isConstant(e)) return b.constant(compileScalar(e)([]));
    switch (e.kind) {
      case 'num': return b.constant(e.value);
      case 'var': return inputs[e.index]!;
      case 'neg': return b.add('Neg', [emit(e.arg)]);
      case 'bin': return b.add(BINARY[e.op]!, [emit(e.left), emit(e.right)]);
      case 'call': {
        const [u, w] = e.args as [Expr, Expr | undefined];
        if (w) return b.add(BINARY[e.fn]!, [emit(u), emit(w)]);
        const x = emit(u);
        if (e.fn === 'softplus') return b.add('Add', [b.add('Relu', [x]), b.add('Log', [b.add('Add', [b.constant(1), b.add('Exp', [b.add('Neg', [b.add('Abs', [x])])])])])]);
        if (e.fn === 'step') return cast(b.add('Greater', [x, b.constant(0)]));
        if (e.fn === 'half') return b.add('Div', [b.add('Add', [cast(b.add('Greater', [x, b.constant(0)])), cast(b.add('GreaterOrEqual', [x, b.constant(0)]))]), b.constant(2)]);
        return b.add(UNARY[e.fn]!, [x]);
      }
    }
  };
  // A constant formula still has the shape of its first input.
  const y = isConstant(tree) ? b.add('Expand', [emit(tree), b.add('Shape', [inputs[0]!])]) : emit(tree);
  b.into('_y', 'Identity', [y]);
  return {
    name, domain: LOSS_DOMAIN, input: [...inputs], output: ['_y'], opsetImport: [{ domain: '', version: OPSET }], node: b.nodes,
    docString: `${FORMULA_DOC}${expression}`,
  };
}
