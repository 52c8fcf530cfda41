// The equation each step computes, per module kind, written with the run's numbers (read from
// RunResults, never recomputed). Symbols come from `interop/notation/symbols.ts`, the one notation of the app:
// a node's name (h1 → h_{1}), a linear node's weight w_{2} and output z_{2}, as on the lecture slides.
import { compileFormula, isModuleKind, modules, toTex, type CompiledFormula, type GraphEdge, type GraphNode, type ModuleKind, type RunResults, type Tensor } from '../../engine/index.ts';
import { texSymbol, type NodeSymbols } from '../../interop/notation/symbols.ts';
import { tensorNorm, texNumber } from '../../interop/notation/format.ts';

export { texSymbol } from '../../interop/notation/symbols.ts';

/** Tensors with at most this many entries are written out in full. */
const SMALL = 4;

export interface TimelineContext {
  readonly results: RunResults;
  readonly nodes: Map<string, GraphNode>;
  readonly inEdges: Map<string, GraphEdge[]>;
  readonly outEdges: Map<string, GraphEdge[]>;
  readonly reaching: Set<string>;
  readonly lossCount: number;
  /** Every node's name and symbols (`graphSymbols`). */
  readonly symbols: ReadonlyMap<string, NodeSymbols>;
}


export function kindOf(ctx: TimelineContext, id: string): ModuleKind | null {
  const k = ctx.nodes.get(id)?.kind ?? '';
  return isModuleKind(k) ? k : null;
}

export function labelOf(ctx: TimelineContext, id: string): string {
  const k = kindOf(ctx, id);
  return k ? modules[k].label : (ctx.nodes.get(id)?.kind ?? '?');
}

/** A linear node's output, weight and bias symbols (z_{1}, w_{1}, b_{1}). */
function linearNames(ctx: TimelineContext, id: string): { out: string; weight: string; bias: string } {
  const s = ctx.symbols.get(id);
  const own = texSymbol(id);
  return { out: s?.out.tex ?? own, weight: s?.params.W?.tex ?? `W_{${own}}`, bias: s?.params.b?.tex ?? `b_{${own}}` };
}

/** The name people read for a node (its display name). */
export function nameOf(ctx: TimelineContext, id: string): string {
  return ctx.symbols.get(id)?.name ?? id;
}

/** The TeX symbol of a node's output as the equations write it (L for the one loss, z₂ for a linear w2). */
export function outSym(ctx: TimelineContext, id: string): string {
  const k = kindOf(ctx, id);
  if (k && modules[k].isLoss) return ctx.lossCount === 1 ? 'L' : `L_{${texSymbol(nameOf(ctx, id))}}`;
  return (k && STEP_TEX[k].symbol?.(ctx, id)) ?? ctx.symbols.get(id)?.out.tex ?? texSymbol(id);
}

export const dL = (sym: string): string => (sym === 'L' ? '1' : `\\frac{\\partial L}{\\partial ${sym}}`);

function reachingConsumers(ctx: TimelineContext, id: string): GraphEdge[] {
  return (ctx.outEdges.get(id) ?? []).filter((e) => ctx.reaching.has(e.target));
}

/** dL/d(source) as carried by one edge: the whole gradient, or this consumer's share on fan-out. */
export function edgeGradSym(ctx: TimelineContext, e: GraphEdge): string {
  const full = `\\frac{\\partial L}{\\partial ${outSym(ctx, e.source)}}`;
  return reachingConsumers(ctx, e.source).length > 1 ? `${full}\\Big|_{\\to ${outSym(ctx, e.target)}}` : full;
}

// ---------- numbers ----------

const isScalar = (t: Tensor): boolean => t.data.length === 1;

function nodeOut(ctx: TimelineContext, id: string): Tensor { return need(ctx.results.nodes[id]).output; }
function nodeGrad(ctx: TimelineContext, id: string): Tensor { return need(ctx.results.nodes[id]).grad; }
function param(ctx: TimelineContext, id: string, name: string): Tensor { return need(ctx.results.nodes[id]?.params[name]).value; }
function paramGrad(ctx: TimelineContext, id: string, name: string): Tensor { return need(ctx.results.nodes[id]?.params[name]).grad; }
function edgeValue(ctx: TimelineContext, e: GraphEdge): Tensor { return need(ctx.results.edges[e.id]).value; }
function edgeGrad(ctx: TimelineContext, e: GraphEdge): Tensor { return need(ctx.results.edges[e.id]).grad; }
function need<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('missing result');
  return v;
}

/** A tensor as TeX: a number, a bmatrix when small, else its shape and norm (one group). */
export function texTensor(t: { shape: readonly number[]; data: ArrayLike<number> }): string {
  const n = t.data.length;
  if (n === 1) return texNumber(t.data[0]!);
  if (n <= SMALL) {
    const cols = t.shape.length === 2 && t.shape[0]! * t.shape[1]! === n ? t.shape[1]! : n;
    const rows: string[] = [];
    for (let r = 0; r < n / cols; r++) {
      rows.push(Array.from({ length: cols }, (_, c) => texNumber(t.data[r * cols + c]!)).join(' & '));
    }
    return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`;
  }
  return `{\\left[${t.shape.join('\\times ')}\\right]_{\\lVert\\cdot\\rVert=${texNumber(tensorNorm(t.data), 3)}}}`;
}

/** A factor of a product: (−0.5), or a bracketed tensor. */
const factor = (t: Tensor): string => (isScalar(t) ? `(${texNumber(t.data[0]!)})` : texTensor(t));
/** A term inside parentheses already written: 0.3 or (−0.3) for scalars. */
const term = (t: Tensor): string => (isScalar(t) && t.data[0]! < 0 ? `(${texNumber(t.data[0]!)})` : texTensor(t));
/** Elementwise product: juxtaposition for scalars, ⊙ for tensors. */
const times = (scalar: boolean): string => (scalar ? '\\,' : ' \\odot ');

const lines = (ls: string[]): string => (ls.length === 1 ? ls[0]! : `\\begin{gathered}${ls.join(' \\\\[4pt] ')}\\end{gathered}`);

function inputs(ctx: TimelineContext, id: string): GraphEdge[] {
  return ctx.inEdges.get(id) ?? [];
}

function port(ctx: TimelineContext, id: string, i: number): GraphEdge {
  return need(inputs(ctx, id)[i]);
}

function reductionOf(ctx: TimelineContext, id: string): string {
  const reduction = (ctx.nodes.get(id)?.config as { reduction?: string } | undefined)?.reduction;
  if (reduction !== 'mean') return '';
  const p = edgeValue(ctx, port(ctx, id, 0));
  return `\\tfrac{1}{${p.shape[0]}}`;
}

// ---------- the equations of each kind ----------

/** How the step-through writes one kind's equations with the run's numbers. */
export interface StepTex {
  /** The forward equation, e.g. h = σ(z) = σ(0.3) = 0.57. */
  forward(ctx: TimelineContext, id: string): string;
  /** What the backward step computes after dL/d(out): the share sent back along each input, and dL/dθ. */
  backward(ctx: TimelineContext, id: string): string[];
  /** The output's symbol when it is not the node id's (a linear w2 writes z_{2}). */
  symbol?(ctx: TimelineContext, id: string): string;
  /** [symbols, numbers] of the right-hand side, when an activation may write this node inline: σ(w₁x). */
  inline?(ctx: TimelineContext, id: string): [string, string] | null;
  /** [symbols, numbers] of d(out)/d(in) of a scalar activation, for the chain written out into a linear layer's dL/dz. */
  scalarLocal?(ctx: TimelineContext, id: string, inputId: string): [string, string];
}

/** An output on the right of `=`: its value. */
const valueOnly: StepTex = { forward: (ctx, id) => `${outSym(ctx, id)} = ${texTensor(nodeOut(ctx, id))}`, backward: () => [] };

function activation(f: (arg: string) => string, backward: StepTex['backward'], scalarLocal?: StepTex['scalarLocal']): StepTex {
  return {
    forward(ctx, id) {
      const y = outSym(ctx, id), out = nodeOut(ctx, id);
      const e = port(ctx, id, 0), x = edgeValue(ctx, e);
      const parts = [`${y} = ${f(outSym(ctx, e.source))}`];
      // A scalar linear layer feeding the activation is written inline, as on the slides: σ(w₁x).
      const sourceKind = kindOf(ctx, e.source);
      const inline = sourceKind && isScalar(x) ? STEP_TEX[sourceKind].inline?.(ctx, e.source) : null;
      if (inline) {
        parts[0] = `${y} = ${f(inline[0])}`;
        parts.push(f(inline[1]));
      }
      parts.push(f(texTensor(x)), texTensor(out));
      return parts.join(' = ');
    },
    backward,
    ...(scalarLocal ? { scalarLocal } : {}),
  };
}

/** The pieces every backward line uses: the output's symbol, dL/d(out) as symbol and numbers, and per input its lhs and numbers. */
function backwardParts(ctx: TimelineContext, id: string) {
  const y = outSym(ctx, id), g = nodeGrad(ctx, id), out = nodeOut(ctx, id);
  return {
    y, g, out, scalar: isScalar(out), gy: dL(y),
    lhs: (i: number): string => edgeGradSym(ctx, port(ctx, id, i)),
    gin: (i: number): string => texTensor(edgeGrad(ctx, port(ctx, id, i))),
  };
}

function elementwise(op: (scalar: boolean) => string, backward: StepTex['backward']): StepTex {
  return {
    forward(ctx, id) {
      const y = outSym(ctx, id), out = nodeOut(ctx, id);
      const a = port(ctx, id, 0), b = port(ctx, id, 1), o = op(isScalar(out));
      return `${y} = ${outSym(ctx, a.source)}${o}${outSym(ctx, b.source)} = ${texTensor(edgeValue(ctx, a))}${o}${term(edgeValue(ctx, b))} = ${texTensor(out)}`;
    },
    backward,
  };
}

/** sum and mean over the features: y = s Σ_j x_j, and each x_j gets s · dL/dy. */
function reduceStep(scale: (features: number) => string): StepTex {
  return {
    forward(ctx, id) {
      const e = port(ctx, id, 0), x = edgeValue(ctx, e), s = scale(x.shape[1]!);
      return `${outSym(ctx, id)} = ${s}\\textstyle\\sum_j ${outSym(ctx, e.source)}_{j} = ${s}\\sum ${texTensor(x)} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { gy, g, lhs, gin } = backwardParts(ctx, id);
      const s = scale(edgeValue(ctx, port(ctx, id, 0)).shape[1]!);
      return [`${lhs(0)} = ${s}${gy}\\,\\mathbf{1}^{\\top} = ${s}${factor(g)}\\,\\mathbf{1}^{\\top} = ${gin(0)}`];
    },
  };
}

/** A formula node's compiled expression (null when its config does not parse: it does not run then). */
function formulaOf(ctx: TimelineContext, id: string): CompiledFormula | null {
  const config = ctx.nodes.get(id)?.config as { expression?: unknown; inputs?: unknown } | undefined;
  try {
    const inputs = Array.isArray(config?.inputs) ? (config.inputs as string[]) : ['x'];
    return compileFormula(typeof config?.expression === 'string' ? config.expression : 'x', inputs);
  } catch {
    return null;
  }
}

const toTexName = (c: CompiledFormula, i: number): string => toTex({ kind: 'var', index: i, name: c.inputs[i]! });

function deltaOf(ctx: TimelineContext, id: string): string {
  const delta = (ctx.nodes.get(id)?.config as { delta?: number } | undefined)?.delta;
  return texNumber(delta ?? 1);
}

/**
 * The equations any kind can be written with: y = label(inputs) with the numbers, and the share each
 * input edge carries back. For a new kind until its own equations are written.
 */
export const genericStep: StepTex = {
  forward(ctx, id) {
    const name = `\\operatorname{${labelOf(ctx, id).replace(/[^A-Za-z]/g, '') || 'f'}}`;
    const ins = inputs(ctx, id);
    return `${outSym(ctx, id)} = ${name}(${ins.map((e) => outSym(ctx, e.source)).join(',\\, ')}) = ${name}(${ins.map((e) => texTensor(edgeValue(ctx, e))).join(',\\, ')}) = ${texTensor(nodeOut(ctx, id))}`;
  },
  backward(ctx, id) {
    const { lhs, gin } = backwardParts(ctx, id);
    return inputs(ctx, id).map((_e, i) => `${lhs(i)} = ${gin(i)}`);
  },
};

/**
 * Every kind's equations. Typed over ModuleKind, so a kind added to the registry does not compile
 * until it says how it is written here (`genericStep` when nothing better is known yet).
 */
export const STEP_TEX: { readonly [K in ModuleKind]: StepTex } = {
  input: valueOnly,
  target: valueOnly,
  linear: {
    forward(ctx, id) {
      const [sym, num] = linearExpression(ctx, id);
      return `${outSym(ctx, id)} = ${sym} = ${num} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward: (ctx, id) => linearBackward(ctx, id),
    symbol: (ctx, id) => linearNames(ctx, id).out,
    inline: (ctx, id) => (isScalar(param(ctx, id, 'W')) ? linearExpression(ctx, id) : null),
  },
  sigmoid: activation((a) => `\\sigma(${a})`, (ctx, id) => {
    const { y, g, out, scalar, gy, lhs, gin } = backwardParts(ctx, id);
    return [`${lhs(0)} = ${gy}${times(scalar)}${y}${times(scalar)}(1-${y}) = ${factor(g)}${times(scalar)}${factor(out)}${times(scalar)}(1-${term(out)}) = ${gin(0)}`];
  }, (ctx, id) => {
    const h = outSym(ctx, id), hv = nodeOut(ctx, id);
    return [`${h}(1-${h})`, `${factor(hv)}(1-${term(hv)})`];
  }),
  tanh: activation((a) => `\\tanh(${a})`, (ctx, id) => {
    const { y, g, out, scalar, gy, lhs, gin } = backwardParts(ctx, id);
    return [`${lhs(0)} = ${gy}${times(scalar)}(1-${y}^{2}) = ${factor(g)}${times(scalar)}(1-${term(out)}^{2}) = ${gin(0)}`];
  }, (ctx, id) => {
    const h = outSym(ctx, id), hv = nodeOut(ctx, id);
    return [`(1-${h}^{2})`, `(1-${term(hv)}^{2})`];
  }),
  relu: activation((a) => `\\max(0,\\, ${a})`, (ctx, id) => {
    const { g, scalar, gy, lhs, gin } = backwardParts(ctx, id);
    const e = port(ctx, id, 0), x = edgeValue(ctx, e);
    const mask = { shape: x.shape, data: Float64Array.from(x.data, (v) => (v > 0 ? 1 : 0)) };
    return [`${lhs(0)} = ${gy}${times(scalar)}\\mathbb{1}[${outSym(ctx, e.source)} > 0] = ${factor(g)}${times(scalar)}${factor(mask)} = ${gin(0)}`];
  }, (ctx, _id, inputId) => [`\\mathbb{1}[${outSym(ctx, inputId)} > 0]`, `(${nodeOut(ctx, inputId).data[0]! > 0 ? 1 : 0})`]),
  softmax: activation((a) => `\\operatorname{softmax}(${a})`, (ctx, id) => {
    const { y, g, out, gy, lhs, gin } = backwardParts(ctx, id);
    return [`${lhs(0)} = ${y} \\odot \\big(${gy} - \\langle ${gy}, ${y}\\rangle\\big) = ${texTensor(out)} \\odot \\big(${texTensor(g)} - \\langle ${texTensor(g)}, ${texTensor(out)}\\rangle\\big) = ${gin(0)}`];
  }),
  add: elementwise(() => ' + ', (ctx, id) => {
    const { gy, lhs, gin } = backwardParts(ctx, id);
    return inputs(ctx, id).map((_e, i) => `${lhs(i)} = ${gy} = ${gin(i)}`);
  }),
  multiply: elementwise((scalar) => (scalar ? ' \\cdot ' : ' \\odot '), (ctx, id) => {
    const { g, scalar, gy, lhs, gin } = backwardParts(ctx, id);
    return inputs(ctx, id).map((_e, i) => {
      const other = port(ctx, id, 1 - i);
      return `${lhs(i)} = ${gy}${times(scalar)}${outSym(ctx, other.source)} = ${factor(g)}${times(scalar)}${factor(edgeValue(ctx, other))} = ${gin(i)}`;
    });
  }),
  concat: {
    forward(ctx, id) {
      const a = port(ctx, id, 0), b = port(ctx, id, 1);
      return `${outSym(ctx, id)} = \\big[\\,${outSym(ctx, a.source)} \\mid ${outSym(ctx, b.source)}\\,\\big] = \\big[\\,${texTensor(edgeValue(ctx, a))} \\mid ${texTensor(edgeValue(ctx, b))}\\,\\big] = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { out, gy, lhs, gin } = backwardParts(ctx, id);
      const Fa = edgeValue(ctx, port(ctx, id, 0)).shape[1]!, F = out.shape[1]!;
      return [`${lhs(0)} = \\big(${gy}\\big)_{:,\\,1..${Fa}} = ${gin(0)}`, `${lhs(1)} = \\big(${gy}\\big)_{:,\\,${Fa + 1}..${F}} = ${gin(1)}`];
    },
  },
  sum: reduceStep(() => ''),
  mean: reduceStep((F) => `\\tfrac{1}{${F}}`),
  l1: {
    forward(ctx, id) {
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const sum = isScalar(edgeValue(ctx, p)) ? '' : '\\sum ';
      return `${outSym(ctx, id)} = ${r}${sum}\\lvert ${outSym(ctx, p.source)} - ${outSym(ctx, t.source)}\\rvert = ${r}${sum}\\lvert ${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))}\\rvert = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const ps = outSym(ctx, p.source), ts = outSym(ctx, t.source);
      const diff = `(${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))})`;
      return [`${lhs(0)} = ${r}\\operatorname{sign}(${ps} - ${ts}) = ${r}\\operatorname{sign}${diff} = ${gin(0)}`, `${lhs(1)} = -${r}\\operatorname{sign}(${ps} - ${ts}) = ${gin(1)}`];
    },
  },
  huber: {
    forward(ctx, id) {
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id), d = deltaOf(ctx, id);
      const sum = isScalar(edgeValue(ctx, p)) ? '' : '\\sum ';
      return `${outSym(ctx, id)} = ${r}${sum}\\rho_{${d}}(${outSym(ctx, p.source)} - ${outSym(ctx, t.source)}) = ${r}${sum}\\rho_{${d}}(${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))}) = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id), d = deltaOf(ctx, id);
      const ps = outSym(ctx, p.source), ts = outSym(ctx, t.source);
      const diff = `${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))}`;
      return [
        `${lhs(0)} = ${r}\\operatorname{clamp}_{\\pm ${d}}(${ps} - ${ts}) = ${r}\\operatorname{clamp}_{\\pm ${d}}(${diff}) = ${gin(0)}`,
        `${lhs(1)} = -${r}\\operatorname{clamp}_{\\pm ${d}}(${ps} - ${ts}) = ${gin(1)}`,
      ];
    },
  },
  formula: {
    forward(ctx, id) {
      const c = formulaOf(ctx, id);
      if (!c) return genericStep.forward(ctx, id);
      const ins = inputs(ctx, id);
      const at = ins.map((e, i) => `${toTexName(c, i)} = ${outSym(ctx, e.source)} = ${texTensor(edgeValue(ctx, e))}`).join(',\\; ');
      return `${outSym(ctx, id)} = ${toTex(c.tree)} \\quad (${at}) \\quad = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const c = formulaOf(ctx, id);
      if (!c) return genericStep.backward(ctx, id);
      const { g, scalar, gy, lhs, gin } = backwardParts(ctx, id);
      // the partials the engine derived, as the module evaluates them
      return inputs(ctx, id).map((_e, i) => `${lhs(i)} = ${gy}${times(scalar)}\\frac{\\partial f}{\\partial ${toTexName(c, i)}} = ${factor(g)}${times(scalar)}\\left(${toTex(c.partials[i]!)}\\right) = ${gin(i)}`);
    },
  },
  mse: {
    forward(ctx, id) {
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const sum = isScalar(edgeValue(ctx, p)) ? '' : '\\sum ';
      return `${outSym(ctx, id)} = \\tfrac{1}{2}${r}${sum}(${outSym(ctx, p.source)} - ${outSym(ctx, t.source)})^{2} = \\tfrac{1}{2}${r}${sum}(${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))})^{2} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const ps = outSym(ctx, p.source), ts = outSym(ctx, t.source);
      const diff = `(${texTensor(edgeValue(ctx, p))} - ${term(edgeValue(ctx, t))})`;
      return [`${lhs(0)} = ${r}(${ps} - ${ts}) = ${r}${diff} = ${gin(0)}`, `${lhs(1)} = -${r}(${ps} - ${ts}) = -${r}${diff} = ${gin(1)}`];
    },
  },
  bce: {
    forward(ctx, id) {
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const sum = isScalar(edgeValue(ctx, p)) ? '' : '\\sum ';
      const form = (ps: string, ts: string): string => `-${r}${sum}\\big[${ts}\\log ${ps} + (1-${ts})\\log(1-${ps})\\big]`;
      return `${outSym(ctx, id)} = ${form(outSym(ctx, p.source), outSym(ctx, t.source))} = ${form(factor(edgeValue(ctx, p)), factor(edgeValue(ctx, t)))} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const p = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const ps = outSym(ctx, p.source), ts = outSym(ctx, t.source);
      const pv = edgeValue(ctx, p), tv = edgeValue(ctx, t), s = isScalar(pv);
      return [
        `${lhs(0)} = ${r}\\frac{${ps} - ${ts}}{${ps}${times(s)}(1-${ps})} = ${r}\\frac{${texTensor(pv)} - ${term(tv)}}{${factor(pv)}${times(s)}(1-${term(pv)})} = ${gin(0)}`,
        `${lhs(1)} = ${r}\\log\\frac{1-${ps}}{${ps}} = ${r}\\log\\frac{1-${term(pv)}}{${texTensor(pv)}} = ${gin(1)}`,
      ];
    },
  },
  bce_logits: {
    forward(ctx, id) {
      const z = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const sum = isScalar(edgeValue(ctx, z)) ? '' : '\\sum ';
      const form = (zs: string, ts: string): string => `-${r}${sum}\\big[${ts}\\log \\sigma(${zs}) + (1-${ts})\\log(1-\\sigma(${zs}))\\big]`;
      return `${outSym(ctx, id)} = ${form(outSym(ctx, z.source), outSym(ctx, t.source))} = ${form(factor(edgeValue(ctx, z)), factor(edgeValue(ctx, t)))} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const z = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const zs = outSym(ctx, z.source), ts = outSym(ctx, t.source);
      const zv = edgeValue(ctx, z), tv = edgeValue(ctx, t);
      return [
        `${lhs(0)} = ${r}\\big(\\sigma(${zs}) - ${ts}\\big) = ${r}\\big(\\sigma(${texTensor(zv)}) - ${term(tv)}\\big) = ${gin(0)}`,
        `${lhs(1)} = -${r}${zs} = -${r}${factor(zv)} = ${gin(1)}`,
      ];
    },
  },
  softmax_ce: {
    forward(ctx, id) {
      const z = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const form = (zs: string, ts: string): string => `-${r}\\sum ${ts} \\odot \\log\\operatorname{softmax}(${zs})`;
      return `${outSym(ctx, id)} = ${form(outSym(ctx, z.source), outSym(ctx, t.source))} = ${form(texTensor(edgeValue(ctx, z)), texTensor(edgeValue(ctx, t)))} = ${texTensor(nodeOut(ctx, id))}`;
    },
    backward(ctx, id) {
      const { lhs, gin } = backwardParts(ctx, id);
      const z = port(ctx, id, 0), t = port(ctx, id, 1), r = reductionOf(ctx, id);
      const zs = outSym(ctx, z.source), ts = outSym(ctx, t.source);
      const zv = texTensor(edgeValue(ctx, z)), tv = texTensor(edgeValue(ctx, t));
      return [
        `${lhs(0)} = ${r}\\big(\\operatorname{softmax}(${zs})\\textstyle\\sum_j {${ts}}_{j} - ${ts}\\big) = ${r}\\big(\\operatorname{softmax}(${zv})\\textstyle\\sum ${tv} - ${tv}\\big) = ${gin(0)}`,
        `${lhs(1)} = ${r}\\big(\\log\\textstyle\\sum_k e^{{${zs}}_{k}} - ${zs}\\big) = ${gin(1)}`,
      ];
    },
  },
};

export function forwardTex(ctx: TimelineContext, id: string): string {
  const kind = kindOf(ctx, id);
  return kind ? STEP_TEX[kind].forward(ctx, id) : valueOnly.forward(ctx, id);
}

/** [symbols, numbers] of a linear node's right-hand side: w x + b, or x Wᵀ + b. */
function linearExpression(ctx: TimelineContext, id: string): [string, string] {
  const W = param(ctx, id, 'W'), b = ctx.results.nodes[id]?.params.b?.value;
  const e = port(ctx, id, 0), x = edgeValue(ctx, e), xs = outSym(ctx, e.source);
  const names = linearNames(ctx, id);
  if (isScalar(W)) {
    const num = isScalar(x) ? `${texNumber(W.data[0]!)} \\cdot ${term(x)}` : `${factor(W)}\\,${texTensor(x)}`;
    return b
      ? [`${names.weight}\\,${xs} + ${names.bias}`, `${num} + ${term(b)}`]
      : [`${names.weight}\\,${xs}`, num];
  }
  const num = `${texTensor(x)}\\,{${texTensor(W)}}^{\\top}`;
  return b
    ? [`${xs}\\,${names.weight}^{\\top} + ${names.bias}`, `${num} + ${texTensor(b)}`]
    : [`${xs}\\,${names.weight}^{\\top}`, num];
}

// ---------- backward ----------

export function backwardTex(ctx: TimelineContext, id: string): string {
  const kind = kindOf(ctx, id);
  const ls: string[] = [];
  const y = outSym(ctx, id);
  if (kind && modules[kind].isLoss) {
    ls.push(ctx.lossCount === 1 ? '\\frac{\\partial L}{\\partial L} = 1' : `\\frac{\\partial L}{\\partial ${y}} = 1 \\quad (L = \\textstyle\\sum \\text{losses})`);
  } else {
    ls.push(totalGradLine(ctx, id));
  }
  if (kind) ls.push(...STEP_TEX[kind].backward(ctx, id));
  return lines(ls);
}

/** dL/d(out) of a non-loss node: the sum of its consumers' shares when it fans out. */
function totalGradLine(ctx: TimelineContext, id: string): string {
  const y = outSym(ctx, id), g = nodeGrad(ctx, id);
  const consumers = reachingConsumers(ctx, id);
  if (consumers.length <= 1) return `${dL(y)} = ${texTensor(g)}`;
  const syms = consumers.map((e) => edgeGradSym(ctx, e)).join(' + ');
  const nums = consumers.map((e, i) => (i === 0 ? texTensor(edgeGrad(ctx, e)) : term(edgeGrad(ctx, e)))).join(' + ');
  return `${dL(y)} = ${syms} = ${nums} = ${texTensor(g)}`;
}

/**
 * dL/dz of a linear node, as [symbols, numbers]. When its only consumer is a scalar activation the
 * chain is written out (dL/dh₂ · h₂(1−h₂)), so the weight's gradient reads as on the slides.
 */
function linearUpstream(ctx: TimelineContext, id: string): [string, string] {
  const z = outSym(ctx, id), g = nodeGrad(ctx, id);
  const consumers = reachingConsumers(ctx, id);
  const c = consumers.length === 1 ? consumers[0]! : null;
  const ck = c ? kindOf(ctx, c.target) : null;
  const local = c && ck && isScalar(g) ? STEP_TEX[ck].scalarLocal?.(ctx, c.target, id) : undefined;
  if (c && local) {
    const h = outSym(ctx, c.target), gh = nodeGrad(ctx, c.target);
    return [`${dL(h)}\\,${local[0]}`, `${factor(gh)}\\,${local[1]}`];
  }
  return [dL(z), factor(g)];
}

function linearBackward(ctx: TimelineContext, id: string): string[] {
  const W = param(ctx, id, 'W'), hasBias = ctx.results.nodes[id]?.params.b !== undefined;
  const e = port(ctx, id, 0), x = edgeValue(ctx, e), xs = outSym(ctx, e.source);
  const names = linearNames(ctx, id);
  const g = nodeGrad(ctx, id), z = outSym(ctx, id);
  const out: string[] = [];
  const dW = texTensor(paramGrad(ctx, id, 'W')), dx = texTensor(edgeGrad(ctx, e));
  if (isScalar(W) && isScalar(x)) {
    const [gs, gn] = linearUpstream(ctx, id);
    out.push(`${dL(names.weight)} = ${gs}\\,${xs} = ${gn}\\,${factor(x)} = ${dW}`);
    if (hasBias) out.push(`${dL(names.bias)} = ${gs} = ${gn} = ${texTensor(paramGrad(ctx, id, 'b'))}`);
    out.push(`${edgeGradSym(ctx, e)} = ${gs}\\,${names.weight} = ${gn}\\,${factor(W)} = ${dx}`);
    return out;
  }
  out.push(`${dL(names.weight)} = \\Big(${dL(z)}\\Big)^{\\top} ${xs} = {${texTensor(g)}}^{\\top}\\,${texTensor(x)} = ${dW}`);
  if (hasBias) out.push(`${dL(names.bias)} = \\textstyle\\sum_{\\text{batch}} ${dL(z)} = ${texTensor(paramGrad(ctx, id, 'b'))}`);
  out.push(`${edgeGradSym(ctx, e)} = ${dL(z)}\\,${names.weight} = ${texTensor(g)}\\,${texTensor(W)} = ${dx}`);
  return out;
}
