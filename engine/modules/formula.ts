// y = f(x₁, …, xₙ) elementwise, f from config.expression over the ports config.inputs;  dxᵢ = dy ⊙ ∂f/∂xᵢ, derived exactly (engine/formula)
import { z } from 'zod';
import { compileFormula, findDomainProblem, FormulaError, inputNamesProblem, type CompiledFormula } from '../formula/index.ts';
import { formatShape, type Shape } from '../tensor.ts';
import { diagonal, isBatchFeatures, parseConfig } from './common.ts';
import type { ModuleDef, NodeFrame, ShapeResult } from './types.ts';

export interface FormulaConfig { expression: string; inputs: string[] }

const formulaConfig = z.object({
  expression: z.string().max(2000).default('x'),
  inputs: z.array(z.string()).default(['x']),
}).loose();

const DEFAULT_INPUTS = ['x'];

/** The ports a raw config asks for; the default when its `inputs` is not a valid list (the config is then an error anyway). */
function inputsOf(raw: Record<string, unknown>): readonly string[] {
  const inputs = raw.inputs;
  if (inputs === undefined) return DEFAULT_INPUTS;
  if (!Array.isArray(inputs) || !inputs.every((n): n is string => typeof n === 'string') || inputNamesProblem(inputs)) return DEFAULT_INPUTS;
  return inputs;
}

const formulaOf = (f: NodeFrame<FormulaConfig>): CompiledFormula => compileFormula(f.config.expression, f.config.inputs);

/** Every port carries the same [batch, features] shape (no broadcasting). */
function sameShapeAll(ports: readonly string[], shapes: readonly Shape[]): ShapeResult {
  const first = shapes[0]!;
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i]!;
    if (!isBatchFeatures(s)) return { code: 'shape-mismatch', port: ports[i]!, message: `expects [batch, features], got ${formatShape(s)}` };
    if (s[0] !== first[0]) return { code: 'batch-mismatch', port: ports[i]!, message: `batch size ${s[0]} differs from ${ports[0]}'s ${first[0]} (${formatShape(s)} vs ${formatShape(first)})` };
    if (s[1] !== first[1]) return { code: 'shape-mismatch', port: ports[i]!, message: `shape ${formatShape(s)} does not match ${ports[0]}'s ${formatShape(first)} (a formula is elementwise)` };
  }
  return { shape: first };
}

export const formulaModule: ModuleDef<FormulaConfig> = {
  kind: 'formula', label: 'Formula', family: 'combine', inputs: DEFAULT_INPUTS, isLoss: false,
  formula: 'y = f(x_1, \\dots, x_n)',
  inputsOf,
  parseConfig(raw) {
    const c = parseConfig(formulaConfig, raw) as FormulaConfig;
    const names = inputNamesProblem(c.inputs);
    if (names) throw new Error(`config.inputs: ${names}`);
    try {
      compileFormula(c.expression, c.inputs);
    } catch (e) {
      if (e instanceof FormulaError) throw new Error(`config.expression: ${e.message}`);
      throw e;
    }
    return { ...c, expression: c.expression, inputs: [...c.inputs] };
  },
  configSchema: formulaConfig,
  paramShapes: () => ({}),
  inferShape: (c, shapes) => sameShapeAll(c.inputs, shapes),
  describe: (c) => c.expression,
  diagnose(f) {
    const out = f.out.data;
    const first = out.findIndex((v) => !Number.isFinite(v));
    if (first < 0) return null;
    const xs = f.inputs.map((t) => t.data[first]!);
    if (!xs.every(Number.isFinite)) return null; // NaN from upstream is not this node's
    const c = formulaOf(f), F = f.out.shape[1]!;
    const problem = findDomainProblem(c.tree, xs);
    const count = out.reduce((n, v) => n + (Number.isFinite(v) ? 0 : 1), 0);
    const at = `sample ${Math.floor(first / F)}, feature ${first % F}: ${c.inputs.map((n, i) => `${n} = ${xs[i]}`).join(', ')}`;
    const more = count > 1 ? ` (and ${count - 1} more value${count > 2 ? 's' : ''})` : '';
    return {
      code: 'formula-domain',
      message: `${problem ? `${problem.what}${problem.column ? ` at column ${problem.column}` : ''}` : `the expression is ${out[first]}`} for ${at}${more}: outside the expression's domain, its output is ${out[first]}`,
    };
  },
  forward(fr) {
    const c = formulaOf(fr), xs = fr.inputs, n = xs.length, y = fr.out.data, v = c.scratch;
    for (let k = 0; k < y.length; k++) {
      for (let i = 0; i < n; i++) v[i] = xs[i]!.data[k]!;
      y[k] = c.f(v);
    }
  },
  vjp(fr) {
    const c = formulaOf(fr), xs = fr.inputs, n = xs.length, gy = fr.gradOut.data, v = c.scratch;
    for (let k = 0; k < gy.length; k++) {
      for (let i = 0; i < n; i++) v[i] = xs[i]!.data[k]!;
      for (let i = 0; i < n; i++) { const g = fr.gradInputs[i]; if (g) g.data[k] = gy[k]! * c.df[i]!(v); }
    }
  },
  jacobian(fr, sample, target) {
    if (!('input' in target)) throw new Error('formula has no parameters');
    const c = formulaOf(fr), F = fr.out.shape[1]!, n = fr.inputs.length;
    const v = c.scratch, d = new Float64Array(F);
    for (let j = 0; j < F; j++) {
      for (let i = 0; i < n; i++) v[i] = fr.inputs[i]!.data[sample * F + j]!;
      d[j] = c.df[target.input]!(v);
    }
    return diagonal(d);
  },
  jvp(fr, t) {
    const c = formulaOf(fr), xs = fr.inputs, n = xs.length, y = t.out.data, v = c.scratch;
    for (let k = 0; k < y.length; k++) {
      for (let i = 0; i < n; i++) v[i] = xs[i]!.data[k]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += c.df[i]!(v) * t.inputs[i]!.data[k]!;
      y[k] = s;
    }
  },
  vjpTangent(fr, t) {
    // d(g ∂f/∂xᵢ) = dg ∂f/∂xᵢ + g Σⱼ ∂²f/∂xᵢ∂xⱼ dxⱼ
    const c = formulaOf(fr), xs = fr.inputs, n = xs.length, gy = fr.gradOut.data, dgy = t.gradOut.data, v = c.scratch;
    for (let k = 0; k < gy.length; k++) {
      for (let i = 0; i < n; i++) v[i] = xs[i]!.data[k]!;
      for (let i = 0; i < n; i++) {
        const out = t.gradInputs[i];
        if (!out) continue;
        let s = 0;
        for (let j = 0; j < n; j++) { const dx = t.inputs[j]!.data[k]!; if (dx !== 0) s += c.d2f[i]![j]!(v) * dx; }
        out.data[k] = dgy[k]! * c.df[i]!(v) + gy[k]! * s;
      }
    }
  },
};
