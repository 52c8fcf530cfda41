// Builds a module's NodeFrame/TangentFrame by hand and checks its vjp, jacobian, jvp and vjpTangent
// against central finite differences of its own forward (and of its vjp), in Float64.
import { expect } from 'vitest';
import { moduleOf, tensor, zeros, type ModuleDef, type ModuleKind, type NodeFrame, type TangentFrame, type Tensor } from '../../../engine/index.ts';
import { expectClose } from './close.ts';
import { testRng, uniform } from './random.ts';

export interface ModuleCase {
  kind: ModuleKind;
  /** A module to test in place of the registered one of `kind` (which still gives ports and config). */
  def?: ModuleDef<unknown>;
  config?: Record<string, unknown>;
  /** One tensor per input port ([batch, features]). */
  inputs: Tensor[];
  /** Parameters in the module's order; random when omitted. */
  params?: Tensor[];
  /** Data modules: the value tensor. */
  value?: Tensor;
}

export interface Built {
  def: ModuleDef<unknown>;
  frame: NodeFrame<unknown>;
}

export function build(c: ModuleCase, seed = 7): Built {
  const def = c.def ?? moduleOf(c.kind);
  const config = def.parseConfig(c.config ?? {});
  const shapes = Object.values(def.paramShapes(config));
  const rng = testRng(seed);
  const params = c.params ?? shapes.map((s) => tensor(s, uniform(rng, s.reduce((a, b) => a * b, 1))));
  const shape = c.value ? c.value.shape : (() => {
    const r = def.inferShape(config, c.inputs.map((t) => t.shape));
    if (!('shape' in r)) throw new Error(r.message);
    return r.shape;
  })();
  const frame: NodeFrame<unknown> = {
    config, inputs: c.inputs, params, value: c.value ?? null,
    out: zeros(shape), gradOut: zeros(shape),
    gradInputs: c.inputs.map((t) => zeros(t.shape)),
    gradParams: params.map((p) => zeros(p.shape)),
  };
  return { def, frame };
}

/** Every differentiable buffer of a frame: inputs, then params, then the data value. */
function variables(f: NodeFrame<unknown>): Float64Array[] {
  return [...f.inputs.map((t) => t.data), ...f.params.map((t) => t.data), ...(f.value ? [f.value.data] : [])];
}

function randomLike(rng: () => number, t: Tensor): Tensor {
  return tensor(t.shape, uniform(rng, t.data.length));
}

const H = 1e-6;

/** vjp(v) must equal the gradient of ⟨v, forward(θ)⟩ by central differences, for every input and param. */
export function checkVjpAgainstFiniteDifferences({ def, frame: f }: Built, seed = 1, tol = 1e-7): void {
  const v = randomLike(testRng(seed), f.out);
  const objective = (): number => { def.forward(f); return f.out.data.reduce((s, y, i) => s + y * v.data[i]!, 0); };
  objective();
  f.gradOut.data.set(v.data);
  def.vjp(f);
  const analytic = [...f.gradInputs.map((g) => Float64Array.from(g!.data)), ...f.gradParams.map((g) => Float64Array.from(g.data))];
  const vars = [...f.inputs.map((t) => t.data), ...f.params.map((t) => t.data)];
  vars.forEach((x, which) => {
    const numeric = Array.from(x, (saved, k) => {
      x[k] = saved + H; const plus = objective();
      x[k] = saved - H; const minus = objective();
      x[k] = saved;
      return (plus - minus) / (2 * H);
    });
    expectClose(analytic[which]!, numeric, tol, `${def.kind} vjp of variable ${which}`);
  });
  def.forward(f);
}

/** For each port and param and each sample s: vᵀ J(s) equals the vjp of v placed on sample s. */
export function checkJacobianMatchesVjp({ def, frame: f }: Built, seed = 2, tol = 1e-12): void {
  const rng = testRng(seed);
  def.forward(f);
  const B = f.inputs[0]!.shape[0]!;
  const scalarOut = f.out.data.length === 1 && def.isLoss;
  const targets = [...f.inputs.map((_, i) => ({ input: i })), ...f.params.map((_, i) => ({ param: i }))];
  for (let s = 0; s < B; s++) {
    for (const target of targets) {
      const J = def.jacobian(f, s, target);
      const v = uniform(rng, J.rows);
      f.gradOut.data.fill(0);
      if (scalarOut) f.gradOut.data[0] = v[0]!;
      else f.gradOut.data.set(v, s * J.rows);
      def.vjp(f);
      const vJ = Array.from({ length: J.cols }, (_, c) => v.reduce((acc, vr, r) => acc + vr * J.data[r * J.cols + c]!, 0));
      const got = 'input' in target ? f.gradInputs[target.input]!.data.subarray(s * J.cols, (s + 1) * J.cols) : f.gradParams[target.param]!.data;
      expectClose(got, vJ, tol, `${def.kind} jacobian ${JSON.stringify(target)} sample ${s}`);
      if ('input' in target && !scalarOut) {
        // other samples do not depend on sample s
        const g = f.gradInputs[target.input]!.data;
        const rest = Array.from(g).filter((_, k) => Math.floor(k / J.cols) !== s);
        expect(rest.every((x) => x === 0), `${def.kind} vjp leaks into other samples`).toBe(true);
      }
    }
  }
}

export function tangentFrame(f: NodeFrame<unknown>, rng: () => number): TangentFrame {
  return {
    inputs: f.inputs.map((t) => randomLike(rng, t)),
    params: f.params.map((t) => randomLike(rng, t)),
    value: f.value ? randomLike(rng, f.value) : null,
    out: zeros(f.out.shape),
    gradOut: randomLike(rng, f.gradOut),
    gradInputs: f.gradInputs.map((g) => (g ? zeros(g.shape) : null)),
    gradParams: f.gradParams.map((g) => zeros(g.shape)),
  };
}

function tangentVariables(t: TangentFrame): Float64Array[] {
  return [...t.inputs.map((x) => x.data), ...t.params.map((x) => x.data), ...(t.value ? [t.value.data] : [])];
}

/** Moves every variable by ε·tangent (and gradOut by ε·gradOut-tangent), runs fn, restores. */
function along<T>(f: NodeFrame<unknown>, t: TangentFrame, eps: number, fn: () => T): T {
  const vars = variables(f), dirs = tangentVariables(t);
  const saved = vars.map((x) => Float64Array.from(x));
  const savedG = Float64Array.from(f.gradOut.data);
  vars.forEach((x, i) => x.forEach((_, k) => { x[k] = saved[i]![k]! + eps * dirs[i]![k]!; }));
  f.gradOut.data.forEach((_, k) => { f.gradOut.data[k] = savedG[k]! + eps * t.gradOut.data[k]!; });
  const r = fn();
  vars.forEach((x, i) => x.set(saved[i]!));
  f.gradOut.data.set(savedG);
  return r;
}

/** jvp's t.out equals (forward(θ + h·θ̇) − forward(θ − h·θ̇)) / 2h. */
export function checkJvpAgainstFiniteDifferences({ def, frame: f }: Built, seed = 3, tol = 1e-7): void {
  const t = tangentFrame(f, testRng(seed));
  const fwd = (eps: number): Float64Array => along(f, t, eps, () => { def.forward(f); return Float64Array.from(f.out.data); });
  const plus = fwd(H), minus = fwd(-H);
  def.forward(f);
  def.jvp(f, t);
  expectClose(t.out.data, Array.from(plus, (p, i) => (p - minus[i]!) / (2 * H)), tol, `${def.kind} jvp`);
}

/** vjpTangent equals the central difference of vjp along (θ̇, ġ), with ġ the gradOut tangent. */
export function checkVjpTangentAgainstFiniteDifferences({ def, frame: f }: Built, seed = 4, tol = 1e-6): void {
  const rng = testRng(seed);
  f.gradOut.data.set(uniform(rng, f.gradOut.data.length));
  const t = tangentFrame(f, rng);
  const grads = (eps: number): Float64Array[] => along(f, t, eps, () => {
    def.forward(f);
    def.vjp(f);
    return [...f.gradInputs.map((g) => Float64Array.from(g!.data)), ...f.gradParams.map((g) => Float64Array.from(g.data))];
  });
  const plus = grads(H), minus = grads(-H);
  def.forward(f);
  def.vjp(f);
  def.jvp(f, t);
  def.vjpTangent(f, t);
  const analytic = [...t.gradInputs.map((g) => g!.data), ...t.gradParams.map((g) => g.data)];
  analytic.forEach((a, i) => {
    expectClose(a, Array.from(plus[i]!, (p, k) => (p - minus[i]![k]!) / (2 * H)), tol, `${def.kind} vjpTangent of variable ${i}`);
  });
}

/** All four derivative checks on one module case. */
export function checkAllDerivatives(c: ModuleCase, seed = 7): void {
  checkVjpAgainstFiniteDifferences(build(c, seed));
  checkJacobianMatchesVjp(build(c, seed));
  checkJvpAgainstFiniteDifferences(build(c, seed));
  checkVjpTangentAgainstFiniteDifferences(build(c, seed));
}

export function t2(rows: number, cols: number, data: number[]): Tensor {
  return tensor([rows, cols], data);
}
