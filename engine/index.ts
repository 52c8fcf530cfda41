// The engine's public surface. Everything outside engine/ imports from here.
export * from './tensor.ts';
export type {
  Matrix, ModuleDef, ModuleFamily, NodeFrame, TangentFrame, JacobianTarget, InitSite, InputDomain, ModuleWarning, ModuleWarningCode, PredictionKind,
} from './modules/types.ts';
export { modules, moduleKinds, isModuleKind, moduleOf, defaultConfig, nodeInputPorts, type ModuleKind } from './modules/registry.ts';
export { inputPorts } from './modules/types.ts';
export type { FormulaConfig } from './modules/formula.ts';
export {
  compileFormula, compileScalar, parseFormula, renameInputs, derive, toTex, toText, texName, FormulaError, FUNCTIONS, inputNamesProblem, MAX_INPUTS, isConstant,
  type CompiledFormula, type Expr, type FunctionName,
} from './formula/index.ts';
export type { LinearConfig } from './modules/linear.ts';
export type { Graph, GraphNode, GraphEdge, ModuleDefinition, ModulePortRef } from './graph/types.ts';
export { OUTPUT_PORT, MODULE_KIND } from './graph/types.ts';
export {
  expandModules, findModuleCycle, instanceModule, instancePorts, isInstance, PATH_SEPARATOR, topLevelId,
  type Expansion, type InstanceInfo, type ParamHome, type PortTarget,
} from './composite/expand.ts';
export { GraphValidationError, GraphQueryError, type GraphIssue, type GraphIssueCode, type ShapeIssueCode } from './graph/issues.ts';
export { analyzeGraph, type Analysis, type AnalyzedNode } from './graph/analyze.ts';
export { diagnoseRun, firstRunError, type RunDiagnostic, type RunDiagnosticCode } from './graph/diagnostics.ts';
export { topologicalOrder } from './graph/topo.ts';
export { runnablePart, wiredPart, wiringMarks, type WiredPart, type WiringMarks } from './graph/wired-part.ts';
export {
  compileGraph, Program, ownKeyedResults,
  type CompileOptions, type CompiledNode, type CompiledEdge, type RunResults, type NodeResult, type EdgeResult, type ParamResult, type JacobianOf,
} from './graph/program.ts';
export { ParamStore, createParamStore, withParameters, type ParamJson, type StoredParam } from './graph/param-store.ts';
export { hessian, parseParamRefs, MAX_HESSIAN_ENTRIES, type ParamRef, type HessianResult, type HessianOptions } from './hessian.ts';
export {
  gradientCheck, worstVerdict, DEFAULT_EPSILON, DEFAULT_ATOL, DEFAULT_RTOL,
  type GradCheckReport, type GradCheckNode, type GradCheckTensor, type GradCheckEntry, type GradCheckVerdict, type GradCheckOptions,
} from './gradcheck.ts';
export { createRng, hashSeed, gaussian, initParam, initialParams, initSchemes, NORMAL_INIT_STD, type InitScheme } from './init.ts';
export { GraphTextCache } from './format/graph-text.ts';
export { serializeGraph, GraphFileError, jsonPath, type GraphFileProblem } from './format/graph-file.ts';
export { readDocument, parseGraphFile, readGraphFile, MAX_NESTING, type ReadDocument } from './read-document.ts';
export { FILE_FORMAT, FILE_VERSION, MAX_FILE_BYTES, graphFileSchema } from './format/schema.ts';
export * from './train/index.ts';
export * from './data/index.ts';
export { migrations } from './format/graph-file.ts';
export { quote, printable } from './text/quote.ts';
export { emptyRecord, own } from './own.ts';
export {
  BudgetError, formatBytes, formatCount, programBuffers, checkProgramBudget, checkJacobianBudget, checkGradcheckBudget, checkHessianBudget,
  forwardWork, gradcheckEntries, MEMORY_BUDGET_BYTES, MATRIX_BUDGET_BYTES, WORK_BUDGET, type BufferNeed,
} from './budget.ts';
export { enableGemmThreads, serveGemmThread, TWO_THREAD_MIN_MULTIPLY_ADDS, type GemmThreadInit, type HelperThread, type SpawnThread } from './kernels/gemm-threads.ts';
