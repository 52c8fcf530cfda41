// How each module kind reads in PyTorch: one expression over its inputs' variables, the lecture's
// math for the comment, and for kinds with parameters the torch layer that holds them. A kind of the
// registry missing here is refused by the export with a message naming it (a new kind compiles
// without an entry; test/interop/pytorch-vs-engine.test.ts, which builds graphs of every registry
// kind, then fails on it). The torch calls are the ones whose float64 results that test compares
// with the engine.
import { compileFormula, toText, type FormulaConfig, type LinearConfig, type ModuleKind } from '../../engine/index.ts';
import { formulaPython } from './formula-code.ts';
import { pyNumber } from './python.ts';

type Reduction = { reduction: 'sum' | 'mean' };

export interface NodeCode {
  /** The node's output as a Python expression of its inputs' variables. */
  readonly expr: string;
  /** What it computes, in the lecture's notation, over the same variables. */
  readonly math: string;
}

export interface Layer {
  /** The nn.Module built in `__init__` (`dtype` is the constructor's argument). */
  readonly construct: string;
  /** The app's parameter name → the layer's attribute holding it. */
  readonly params: Readonly<Record<string, string>>;
}

export interface CodeContext {
  /** `self.<attr>`: where the node's layer lives (kinds with a layer). */
  readonly attr: string;
  /** The node id as a Python string literal (data nodes read `data[<id>]`). */
  readonly key: string;
}

export interface KindExport {
  code(config: unknown, inputs: readonly string[], at: CodeContext): NodeCode;
  layer?(config: unknown): Layer;
}

/**
 * A loss as the engine defines it: summed over the batch (torch's reduction="sum"), then for `mean`
 * divided by the samples of the batch. Not torch's reduction="mean", which divides by every element.
 */
function loss(config: unknown, summed: string, math: string): NodeCode {
  const mean = (config as Reduction).reduction === 'mean';
  return mean ? { expr: `${summed} / batch_size`, math: `${math}, mean over the batch` } : { expr: summed, math };
}

const unary = (fn: string, math: (x: string) => string): KindExport => ({
  code: (_c, [x]) => ({ expr: `${fn}(${x})`, math: math(x!) }),
});

export const kindExports: Partial<Record<ModuleKind, KindExport>> = {
  input: { code: (_c, _in, at) => ({ expr: `data[${at.key}]`, math: 'input' }) },
  target: { code: (_c, _in, at) => ({ expr: `data[${at.key}]`, math: 'target' }) },
  linear: {
    code: (c, [x], at) => ({ expr: `self.${at.attr}(${x})`, math: `${x} Wᵀ${(c as LinearConfig).bias ? ' + b' : ''}` }),
    layer(c): Layer {
      const { in: n, out, bias } = c as LinearConfig;
      const params: Record<string, string> = bias ? { W: 'weight', b: 'bias' } : { W: 'weight' };
      return { params, construct: `nn.Linear(${n}, ${out}${bias ? '' : ', bias=False'}, dtype=dtype)` };
    },
  },
  sigmoid: unary('torch.sigmoid', (x) => `σ(${x}) = 1 / (1 + e^−${x})`),
  tanh: unary('torch.tanh', (x) => `tanh(${x})`),
  relu: unary('torch.relu', (x) => `max(0, ${x})`),
  softmax: { code: (_c, [x]) => ({ expr: `torch.softmax(${x}, dim=1)`, math: `e^${x} / Σⱼ e^${x}ⱼ, per sample` }) },
  add: { code: (_c, [a, b]) => ({ expr: `${a} + ${b}`, math: `${a} + ${b}` }) },
  multiply: { code: (_c, [a, b]) => ({ expr: `${a} * ${b}`, math: `${a} ⊙ ${b}` }) },
  concat: { code: (_c, [a, b]) => ({ expr: `torch.cat([${a}, ${b}], dim=1)`, math: `[${a} | ${b}] along the features` }) },
  formula: {
    code(c, xs) {
      const { expression, inputs } = c as FormulaConfig;
      const f = compileFormula(expression, inputs);
      return { expr: formulaPython(f.tree, xs), math: `${toText(f.tree)} with ${inputs.map((n, i) => `${n} = ${xs[i]}`).join(', ')}` };
    },
  },
  sum: { code: (_c, [x]) => ({ expr: `${x}.sum(dim=1, keepdim=True)`, math: `Σⱼ ${x}ⱼ, per sample` }) },
  mean: { code: (_c, [x]) => ({ expr: `${x}.mean(dim=1, keepdim=True)`, math: `(1/F) Σⱼ ${x}ⱼ, per sample` }) },
  mse: { code: (c, [p, t]) => loss(c, `0.5 * F.mse_loss(${p}, ${t}, reduction="sum")`, `L = ½ Σ (${p} − ${t})²`) },
  l1: { code: (c, [p, t]) => loss(c, `F.l1_loss(${p}, ${t}, reduction="sum")`, `L = Σ |${p} − ${t}|`) },
  huber: {
    code(c, [p, t]) {
      const delta = (c as { delta: number }).delta;
      return loss(c, `F.huber_loss(${p}, ${t}, reduction="sum", delta=${pyNumber(delta)})`, `L = Σ ρ_δ(${p} − ${t}), ρ_δ(d) = ½d² for |d| < δ, else δ(|d| − ½δ), δ = ${delta}`);
    },
  },
  bce: {
    code: (c, [p, t]) => loss(c, `F.binary_cross_entropy(${p}, ${t}, reduction="sum")`, `L = −Σ [${t} log ${p} + (1 − ${t}) log(1 − ${p})]`),
  },
  bce_logits: {
    code: (c, [z, t]) => loss(c, `F.binary_cross_entropy_with_logits(${z}, ${t}, reduction="sum")`, `L = −Σ [${t} log σ(${z}) + (1 − ${t}) log(1 − σ(${z}))]`),
  },
  softmax_ce: {
    code: (c, [z, t]) => loss(c, `F.cross_entropy(${z}, ${t}, reduction="sum")`, `L = −Σ ${t} log softmax(${z})`),
  },
};
