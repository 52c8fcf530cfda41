// A formula parsed once and differentiated once: its tree, every first partial ∂f/∂xᵢ and every
// second partial ∂²f/∂xᵢ∂xⱼ as simplified trees (for TeX and for the export) and as compiled closures
// (for the module's forward, VJP, Jacobian, JVP and VJP-tangent). Compiled formulas are kept in a small
// cache keyed by the text and the input names, so a module method looks its formula up per call, not per element.
import { CONSTANTS, FUNCTIONS, type Expr } from './ast.ts';
import { derive } from './derive.ts';
import { compileScalar, type Scalar } from './evaluate.ts';
import { FormulaError, parseFormula } from './parse.ts';

export interface CompiledFormula {
  readonly expression: string;
  readonly inputs: readonly string[];
  readonly tree: Expr;
  /** ∂f/∂xᵢ, simplified. */
  readonly partials: readonly Expr[];
  /** ∂²f/∂xᵢ∂xⱼ (symmetric: [i][j] and [j][i] are one tree). */
  readonly second: readonly (readonly Expr[])[];
  readonly f: Scalar;
  readonly df: readonly Scalar[];
  readonly d2f: readonly (readonly Scalar[])[];
  /** One element's input values, reused by every call (the engine is single-threaded): no allocation per step. */
  readonly scratch: Float64Array;
}

export const MAX_INPUTS = 8;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a list of input names cannot be a formula's ports, or null. */
export function inputNamesProblem(inputs: readonly string[]): string | null {
  if (inputs.length === 0) return 'a formula needs at least one input';
  if (inputs.length > MAX_INPUTS) return `at most ${MAX_INPUTS} inputs, got ${inputs.length}`;
  const seen = new Set<string>();
  for (const name of inputs) {
    if (!IDENTIFIER.test(name)) return `input name ${JSON.stringify(name)} is not a name (letters, digits and _, not starting with a digit)`;
    if (Object.hasOwn(FUNCTIONS, name) || name === 'sign' || name === 'step' || name === 'half') return `input name "${name}" is a function's name`;
    if (Object.hasOwn(CONSTANTS, name)) return `input name "${name}" is a constant's name`;
    if (name === 'out') return 'input name "out" is the output port\'s name';
    if (seen.has(name)) return `input name "${name}" appears twice`;
    seen.add(name);
  }
  return null;
}

function build(expression: string, inputs: readonly string[]): CompiledFormula {
  const problem = inputNamesProblem(inputs);
  if (problem) throw new FormulaError(problem, 1);
  const tree = parseFormula(expression, inputs);
  const partials = inputs.map((_, i) => derive(tree, i));
  const second = inputs.map((_, i) => inputs.map((_, j) => (j < i ? null : derive(partials[i]!, j))));
  const full = second.map((row, i) => row.map((h, j) => h ?? second[j]![i]!));
  const d2 = full.map((row) => row.map(compileScalar));
  return { expression, inputs: [...inputs], tree, partials, second: full, f: compileScalar(tree), df: partials.map(compileScalar), d2f: d2, scratch: new Float64Array(inputs.length) };
}

const CACHE_SIZE = 128;
const cache = new Map<string, CompiledFormula>();

/** The compiled formula (cached); throws FormulaError naming the column of what is wrong. */
export function compileFormula(expression: string, inputs: readonly string[]): CompiledFormula {
  const key = `${inputs.join(',')}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = build(expression, inputs);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}
