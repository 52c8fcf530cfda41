// The number each step computes, for exercise mode (issue 11.1, 11.4): read from the same RunResults
// as the step's equation (never recomputed), written in the same notation, with the factors of its
// chain rule and the step's other numbers a hand-worked answer may be confused with (for the hints).
// Only scalar quantities are asked: a step whose number is a tensor is shown, not asked.
//
// What each step asks:
// - forward step of a computing node: its output (z₁, h₁, L);
// - backward step of a linear node: ∂L/∂W (the weight's gradient, as on the slides);
// - backward step of a loss or another module: the gradient it sends back along its first input;
// - backward step of a data node: the total ∂L/d(it).
// A linear node's backward step also carries its weight (`param`), for "θ after one SGD step".
import { isModuleKind, modules, type GraphEdge, type Tensor } from '../../engine/index.ts';
import { dL, edgeGradSym, kindOf, outSym, type TimelineContext } from './step-tex.ts';

/** A number of the step with the name people read for it: "x = 1.5", "∂h₂/∂z₂ = 0.2". */
export interface NamedNumber {
  readonly label: string;
  readonly value: number;
}

/** What a step asks, and what a hand-worked answer may be confused with. All numbers from RunResults. */
export interface Question {
  /** The asked quantity as TeX (the Step panel's notation): \frac{\partial L}{\partial w_{2}}. */
  readonly tex: string;
  /** The same in Unicode: ∂L/∂w₂. */
  readonly text: string;
  /** The engine's number. */
  readonly value: number;
  /** Factors the step's chain rule multiplies: an answer off by exactly one of them is told which. */
  readonly factors: readonly NamedNumber[];
  /** Other numbers of the step a student may give instead, each with what it is. */
  readonly mixups: readonly { readonly value: number; readonly hint: string }[];
}

/** A parameter of the step's node: its symbol, value and gradient (scalars). */
export interface StepParam {
  readonly tex: string;
  readonly text: string;
  readonly value: number;
  readonly grad: number;
}

const scalar = (t: Tensor | undefined): number | null => (t && t.data.length === 1 ? t.data[0]! : null);

/** The Unicode twin of `outSym`. */
function outText(ctx: TimelineContext, id: string): string {
  const k = kindOf(ctx, id);
  if (k && modules[k].isLoss) return ctx.lossCount === 1 ? 'L' : `L_${ctx.symbols.get(id)?.name ?? id}`;
  return ctx.symbols.get(id)?.out.text ?? id;
}

const gradText = (sym: string): string => `∂L/∂${sym}`;

function firstInput(ctx: TimelineContext, id: string): GraphEdge | undefined {
  return ctx.inEdges.get(id)?.[0];
}

/** ∂(node's out)/∂(its first input) as the engine's own numbers give it: share sent back ÷ gradient received. */
function localDerivative(ctx: TimelineContext, id: string): NamedNumber | null {
  const e = firstInput(ctx, id);
  const g = scalar(ctx.results.nodes[id]?.grad), share = scalar(e ? ctx.results.edges[e.id]?.grad : undefined);
  if (!e || g === null || share === null || g === 0) return null;
  return { label: `∂${outText(ctx, id)}/∂${outText(ctx, e.source)}`, value: share / g };
}

const isLinear = (ctx: TimelineContext, id: string): boolean => kindOf(ctx, id) === 'linear';

export function forwardAnswer(ctx: TimelineContext, id: string): Question | undefined {
  const kind = kindOf(ctx, id);
  if (kind === 'input' || kind === 'target') return undefined; // given, not computed
  const value = scalar(ctx.results.nodes[id]?.output);
  if (value === null) return undefined;
  const factors: NamedNumber[] = [], mixups: { value: number; hint: string }[] = [];
  const e = firstInput(ctx, id);
  const x = scalar(e ? ctx.results.edges[e.id]?.value : undefined);
  if (kind === 'linear' && e) {
    const p = ctx.results.nodes[id]?.params, names = ctx.symbols.get(id)?.params;
    const w = scalar(p?.W?.value), b = scalar(p?.b?.value);
    if (w !== null) factors.push({ label: names?.W?.text ?? 'W', value: w });
    if (x !== null) factors.push({ label: outText(ctx, e.source), value: x });
    if (b !== null && b !== 0) mixups.push({ value: value - b, hint: `that is ${names?.W?.text ?? 'W'}·${outText(ctx, e.source)} without the bias ${names?.b?.text ?? 'b'}` });
  } else if (kind && !modules[kind].isLoss && e && x !== null && ctx.inEdges.get(id)?.length === 1) {
    mixups.push({ value: x, hint: `that is ${outText(ctx, e.source)}, the input; ${outText(ctx, id)} applies ${modules[kind].label} to it` });
  }
  if (kind === 'mse') factors.push({ label: 'the ½ of L = ½(prediction − target)²', value: 2 });
  return { tex: outSym(ctx, id), text: outText(ctx, id), value, factors, mixups };
}

export function backwardAnswer(ctx: TimelineContext, id: string): Question | undefined {
  const kind = kindOf(ctx, id);
  const r = ctx.results.nodes[id];
  if (!r) return undefined;
  if (kind === 'input' || kind === 'target' || !isModuleKind(ctx.nodes.get(id)?.kind ?? '')) {
    const value = scalar(r.grad);
    const sym = outSym(ctx, id);
    return value === null ? undefined : { tex: dL(sym), text: gradText(outText(ctx, id)), value, factors: [], mixups: [] };
  }
  const e = firstInput(ctx, id);
  if (!e) return undefined;
  if (isLinear(ctx, id)) return linearWeightAnswer(ctx, id, e);
  const value = scalar(ctx.results.edges[e.id]?.grad);
  if (value === null) return undefined;
  const factors: NamedNumber[] = [], mixups: { value: number; hint: string }[] = [];
  const isLoss = kind !== null && modules[kind].isLoss;
  if (kind === 'mse') factors.push({ label: 'the 2 of d(½u²)/du = u', value: 2 });
  const local = isLoss ? null : localDerivative(ctx, id);
  if (local) factors.push(local);
  return { tex: edgeGradSym(ctx, e), text: gradText(outText(ctx, e.source)), value, factors, mixups };
}

function linearWeightAnswer(ctx: TimelineContext, id: string, e: GraphEdge): Question | undefined {
  const r = ctx.results.nodes[id]!;
  const value = scalar(r.params.W?.grad);
  if (value === null) return undefined;
  const names = ctx.symbols.get(id)?.params;
  const wTex = names?.W?.tex ?? 'W', wText = names?.W?.text ?? 'W';
  const factors: NamedNumber[] = [], mixups: { value: number; hint: string }[] = [];
  const x = scalar(ctx.results.edges[e.id]?.value);
  if (x !== null) factors.push({ label: outText(ctx, e.source), value: x });
  // The activation the layer feeds: its local derivative is the other factor of ∂L/∂z written out.
  const consumers = (ctx.outEdges.get(id) ?? []).filter((c) => ctx.reaching.has(c.target));
  if (consumers.length === 1) {
    const c = consumers[0]!, ck = kindOf(ctx, c.target);
    const local = ck && !modules[ck].isLoss && ck !== 'linear' ? localDerivative(ctx, c.target) : null;
    if (local) factors.push(local);
  }
  const dx = scalar(ctx.results.edges[e.id]?.grad);
  if (dx !== null) mixups.push({ value: dx, hint: `that is ${gradText(outText(ctx, e.source))}, the gradient sent back to ${outText(ctx, e.source)}, not ${gradText(wText)}` });
  const dz = scalar(r.grad);
  if (dz !== null && x !== 1) mixups.push({ value: dz, hint: `that is ${gradText(outText(ctx, id))}; ${gradText(wText)} multiplies it by the input ${outText(ctx, e.source)}` });
  return { tex: dL(wTex), text: gradText(wText), value, factors, mixups };
}

/** A linear node's scalar weight, for the parameter-update question. */
export function stepParam(ctx: TimelineContext, id: string): StepParam | undefined {
  if (!isLinear(ctx, id)) return undefined;
  const p = ctx.results.nodes[id]?.params.W;
  const value = scalar(p?.value), grad = scalar(p?.grad);
  if (value === null || grad === null) return undefined;
  const names = ctx.symbols.get(id)?.params;
  return { tex: names?.W?.tex ?? 'W', text: names?.W?.text ?? 'W', value, grad };
}
