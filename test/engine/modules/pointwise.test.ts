// pointwise / binaryPointwise: one scalar definition gives all five methods, and a mistake in it
// shows in the methods derived from it (finite differences are the independent oracle).
import { describe, expect, it } from 'vitest';
import { binaryPointwise, pointwise, type BinaryPointwiseMath, type PointwiseMath } from '../../../engine/modules/pointwise.ts';
import {
  build, checkAllDerivatives, checkJacobianMatchesVjp, checkJvpAgainstFiniteDifferences,
  checkVjpAgainstFiniteDifferences, checkVjpTangentAgainstFiniteDifferences, t2,
} from '../support/frames.ts';
import { testRng, uniform } from '../support/random.ts';

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
/** softplus: f′ = σ(x), f″ = σ(x)(1 − σ(x)). */
const softplus: PointwiseMath = {
  kind: 'softplus', label: 'Softplus', formula: 'y = \\ln(1 + e^x)',
  f: (x) => Math.log1p(Math.exp(x)),
  df: (x, _y, g) => g * sigma(x),
  d2f: (x, _y, g, dx) => g * sigma(x) * (1 - sigma(x)) * dx,
};
// Built with the sigmoid kind's ports and config; the module under test replaces its math.
const unary = (math: PointwiseMath) => ({ kind: 'sigmoid' as const, def: pointwise(math), inputs: [t2(3, 2, uniform(testRng(5), 6, -2, 2))] });

describe('pointwise', () => {
  it('derives forward, vjp, jacobian, jvp and vjpTangent from f, df and d2f', () => {
    checkAllDerivatives(unary(softplus));
    const { def, frame } = build({ ...unary(softplus), inputs: [t2(1, 2, [0, Math.log(Math.E - 1)])] });
    def.forward(frame);
    expect(frame.out.data[0]).toBe(Math.log(2));
    expect(frame.out.data[1]).toBeCloseTo(1, 15);
  });

  it('a wrong df is wrong in the VJP and the JVP alike, and the Jacobian agrees with that VJP', () => {
    const wrong = unary({ ...softplus, df: (x, _y, g) => 2 * g * sigma(x) });
    expect(() => checkVjpAgainstFiniteDifferences(build(wrong))).toThrow(/vjp/);
    expect(() => checkJvpAgainstFiniteDifferences(build(wrong))).toThrow(/jvp/);
    expect(() => checkJacobianMatchesVjp(build(wrong))).not.toThrow(); // one df behind both
  });

  it('df takes the gradient, so ReLU gates it: an infinite gradient where x ≤ 0 gives 0, not 0·∞ = NaN', () => {
    const { def, frame } = build({ kind: 'relu', inputs: [t2(1, 3, [-1, 0, 2])] });
    def.forward(frame);
    frame.gradOut.data.set([Infinity, -Infinity, 3]);
    def.vjp(frame);
    expect(Array.from(frame.gradInputs[0]!.data)).toEqual([0, 0, 3]);
  });

  it('d2f is what second order uses: a wrong one fails the VJP tangent and nothing else', () => {
    const wrong = unary({ ...softplus, d2f: () => 0 });
    expect(() => checkVjpAgainstFiniteDifferences(build(wrong))).not.toThrow();
    expect(() => checkJvpAgainstFiniteDifferences(build(wrong))).not.toThrow();
    expect(() => checkVjpTangentAgainstFiniteDifferences(build(wrong))).toThrow(/vjpTangent/);
  });
});

describe('binaryPointwise', () => {
  /** y = a²·b: ∂a = 2ab, ∂b = a²; their tangents g·(2b·ta + 2a·tb) and g·2a·ta. */
  const a2b: BinaryPointwiseMath = {
    kind: 'a2b', label: 'a²b', formula: 'y = a^2 b',
    f: (a, b) => a * a * b,
    da: (a, b, g) => g * 2 * a * b,
    db: (a, _b, g) => g * a * a,
    d2a: (a, b, g, ta, tb) => g * (2 * b * ta + 2 * a * tb),
    d2b: (a, _b, g, ta) => g * 2 * a * ta,
  };
  const binary = (math: BinaryPointwiseMath) => {
    const r = testRng(8);
    return { kind: 'multiply' as const, def: binaryPointwise(math), inputs: [t2(2, 3, uniform(r, 6)), t2(2, 3, uniform(r, 6))] };
  };

  it('derives all five methods from f, the two partials and their tangents', () => {
    checkAllDerivatives(binary(a2b));
  });

  it('a missing second-order term fails the VJP tangent', () => {
    expect(() => checkVjpTangentAgainstFiniteDifferences(build(binary({ ...a2b, d2b: undefined })))).toThrow(/vjpTangent/);
  });
});
