// Elementwise modules from their local derivative, written once. A kind states its scalar math;
// forward, vjp, jacobian, jvp and vjpTangent all follow from it, so f′ cannot disagree between them.
// df takes the gradient it is applied to, so that vjp and vjpTangent are df applied to dy (and a gate
// such as ReLU's passes an exact 0 where x ≤ 0, never 0·∞ = NaN); the Jacobian's diagonal is
// df(x, y, 1) and jvp multiplies it by dx. That is the operation order of the hand-written modules
// this replaced, so results are bit-identical to theirs.
import { activationBase, diagonal, elementwiseBase, sampleRow, type EmptyConfig } from './common.ts';
import type { ModuleDef, NodeFrame, TangentFrame } from './types.ts';

interface Named { readonly kind: string; readonly label: string; readonly formula: string }

export interface PointwiseMath extends Named {
  /** y = f(x). */
  f(x: number): number;
  /** g · f′(x), with y = f(x) at hand (f′ is often cheapest in y). */
  df(x: number, y: number, g: number): number;
  /** g · f″(x) · dx: how df(x, y, g) moves along a tangent dx of x, with dy = f′(x) · dx at hand. Omitted where f″ = 0. */
  d2f?(x: number, y: number, g: number, dx: number, dy: number): number;
}

/** y = f(x) elementwise, one input `in`. */
export function pointwise({ kind, label, formula, f, df, d2f }: PointwiseMath): ModuleDef<EmptyConfig> {
  return {
    ...activationBase, kind, label, formula,
    forward(fr) {
      const x = fr.inputs[0]!.data, y = fr.out.data;
      for (let i = 0; i < x.length; i++) y[i] = f(x[i]!);
    },
    vjp(fr) {
      const gx = fr.gradInputs[0];
      if (!gx) return;
      const x = fr.inputs[0]!.data, y = fr.out.data, gy = fr.gradOut.data;
      for (let i = 0; i < x.length; i++) gx.data[i] = df(x[i]!, y[i]!, gy[i]!);
    },
    jacobian(fr, sample) {
      const x = sampleRow(fr.inputs[0]!, sample), y = sampleRow(fr.out, sample);
      return diagonal(Array.from(x, (xi, i) => df(xi, y[i]!, 1)));
    },
    jvp(fr, t) {
      const x = fr.inputs[0]!.data, y = fr.out.data, dx = t.inputs[0]!.data, dy = t.out.data;
      for (let i = 0; i < x.length; i++) dy[i] = df(x[i]!, y[i]!, 1) * dx[i]!;
    },
    vjpTangent(fr, t) {
      const dgx = t.gradInputs[0];
      if (!dgx) return;
      const x = fr.inputs[0]!.data, y = fr.out.data, gy = fr.gradOut.data;
      const dx = t.inputs[0]!.data, dy = t.out.data, dgy = t.gradOut.data;
      // d(g·f′) = dg·f′ + g·f″·dx
      if (!d2f) for (let i = 0; i < x.length; i++) dgx.data[i] = df(x[i]!, y[i]!, dgy[i]!);
      else for (let i = 0; i < x.length; i++) dgx.data[i] = df(x[i]!, y[i]!, dgy[i]!) + d2f(x[i]!, y[i]!, gy[i]!, dx[i]!, dy[i]!);
    },
  };
}

export interface BinaryPointwiseMath extends Named {
  /** y = f(a, b). */
  f(a: number, b: number): number;
  /** g · ∂f/∂a and g · ∂f/∂b. */
  da(a: number, b: number, g: number): number;
  db(a: number, b: number, g: number): number;
  /** How da(a, b, g) and db(a, b, g) move along tangents ta, tb. Omitted where the second derivatives are 0. */
  d2a?(a: number, b: number, g: number, ta: number, tb: number): number;
  d2b?(a: number, b: number, g: number, ta: number, tb: number): number;
}

type PartialOf = (a: number, b: number, g: number) => number;
type Tangent = ((a: number, b: number, g: number, ta: number, tb: number) => number) | undefined;

/** y = f(a, b) elementwise, inputs `a` and `b` of one shape. */
export function binaryPointwise({ kind, label, formula, f, da, db, d2a, d2b }: BinaryPointwiseMath): ModuleDef<EmptyConfig> {
  const partials: [PartialOf, Tangent][] = [[da, d2a], [db, d2b]];
  return {
    ...elementwiseBase, kind, label, formula,
    forward(fr) {
      const a = fr.inputs[0]!.data, b = fr.inputs[1]!.data, y = fr.out.data;
      for (let i = 0; i < y.length; i++) y[i] = f(a[i]!, b[i]!);
    },
    vjp(fr) {
      const a = fr.inputs[0]!.data, b = fr.inputs[1]!.data, gy = fr.gradOut.data;
      partials.forEach(([d], port) => {
        const g = fr.gradInputs[port];
        if (g) for (let i = 0; i < gy.length; i++) g.data[i] = d(a[i]!, b[i]!, gy[i]!);
      });
    },
    jacobian(fr, sample, target) {
      const d = partials['input' in target ? target.input : 0]![0];
      const a = sampleRow(fr.inputs[0]!, sample), b = sampleRow(fr.inputs[1]!, sample);
      return diagonal(Array.from(a, (ai, i) => d(ai, b[i]!, 1)));
    },
    jvp(fr, t) {
      const a = fr.inputs[0]!.data, b = fr.inputs[1]!.data, ta = t.inputs[0]!.data, tb = t.inputs[1]!.data, y = t.out.data;
      for (let i = 0; i < y.length; i++) y[i] = da(a[i]!, b[i]!, 1) * ta[i]! + db(a[i]!, b[i]!, 1) * tb[i]!;
    },
    vjpTangent(fr, t) {
      partials.forEach(([d, d2], port) => tangentOfPartial(fr, t, port, d, d2));
    },
  };
}

/** t.gradInputs[port] = d(a, b, dg) + d2(a, b, g, ta, tb): the tangent of g · ∂f/∂(that input). */
function tangentOfPartial(fr: NodeFrame<EmptyConfig>, t: TangentFrame, port: number, d: PartialOf, d2: Tangent): void {
  const out = t.gradInputs[port];
  if (!out) return;
  const a = fr.inputs[0]!.data, b = fr.inputs[1]!.data, gy = fr.gradOut.data;
  const ta = t.inputs[0]!.data, tb = t.inputs[1]!.data, dgy = t.gradOut.data;
  if (!d2) for (let i = 0; i < gy.length; i++) out.data[i] = d(a[i]!, b[i]!, dgy[i]!);
  else for (let i = 0; i < gy.length; i++) out.data[i] = d(a[i]!, b[i]!, dgy[i]!) + d2(a[i]!, b[i]!, gy[i]!, ta[i]!, tb[i]!);
}
