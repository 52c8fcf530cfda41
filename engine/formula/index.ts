// Formula modules' math: parse, differentiate, simplify, evaluate, render (see ARCHITECTURE.md).
export { FUNCTIONS, CONSTANTS, isConstant, type Expr, type FunctionName, type UserFunction, type DerivedFunction } from './ast.ts';
export { FormulaError, parseFormula, nearest, renameInputs } from './parse.ts';
export { derive } from './derive.ts';
export { compileScalar, FUNCTION_VALUES, sigmoid, softplus } from './evaluate.ts';
export { toTex, toText, texName } from './tex.ts';
export { findDomainProblem, type DomainProblem } from './domain.ts';
export { compileFormula, inputNamesProblem, MAX_INPUTS, type CompiledFormula } from './compile.ts';
