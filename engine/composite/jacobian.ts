// The Jacobian of a whole composite module for one sample: d(output port)/d(input port or parameter),
// exact, by forward mode through its inner nodes (each one's JVP, in the program's order). A unit
// tangent per column enters where the port (or parameter) lands inside; the output's tangent is the column.
import { GraphQueryError, where } from '../graph/issues.ts';
import { MODULE_KIND } from '../graph/types.ts';
import type { Matrix, TangentFrame } from '../modules/types.ts';
import { own } from '../own.ts';
import { zeros, type Tensor } from '../tensor.ts';
import { quote } from '../text/quote.ts';
import { PATH_SEPARATOR, type InstanceInfo } from './expand.ts';

/** What the Jacobian needs of a compiled node (program.ts's CompiledNode). */
interface JacobianNode {
  readonly id: string;
  readonly def: { jvp(f: never, t: TangentFrame): void };
  readonly frame: { readonly inputs: readonly Tensor[]; readonly params: readonly Tensor[]; readonly value: Tensor | null; readonly out: Tensor; readonly gradOut: Tensor; readonly gradInputs: readonly (Tensor | null)[]; readonly gradParams: readonly Tensor[] };
  readonly ports: readonly string[];
  readonly paramNames: readonly string[];
  readonly inputEdges: readonly { readonly source: { readonly id: string } }[];
}

export type ModuleJacobianOf = ({ readonly input: string } | { readonly param: string }) & { readonly output?: string };

export function moduleJacobian(nodes: readonly JacobianNode[], inst: InstanceInfo, sample: number, of: ModuleJacobianOf): Matrix {
  const here = where(inst.id, MODULE_KIND);
  const outputName = of.output ?? Object.keys(inst.outputs)[0];
  const outputId = outputName === undefined ? undefined : own(inst.outputs, outputName);
  if (outputId === undefined) throw new GraphQueryError(`${here} has no output port ${quote(outputName ?? '')} (its outputs: ${Object.keys(inst.outputs).map((p) => quote(p)).join(', ') || 'none'})`);
  const inside = nodes.filter((n) => n.id.startsWith(`${inst.id}${PATH_SEPARATOR}`));
  const tangents = new Map<string, TangentFrame>();
  const paramTangents = new Map<Tensor, Tensor>(); // a parameter used twice inside (a shared module nested twice) moves in both
  for (const n of inside) {
    const f = n.frame;
    tangents.set(n.id, {
      inputs: n.inputEdges.map((e, i) => tangents.get(e.source.id)?.out ?? zeros(f.inputs[i]!.shape)),
      params: f.params.map((p) => getOr(paramTangents, p)),
      value: f.value ? zeros(f.value.shape) : null,
      out: zeros(f.out.shape), gradOut: zeros(f.gradOut.shape),
      gradInputs: f.gradInputs.map((g) => (g ? zeros(g.shape) : null)), gradParams: f.gradParams.map((g) => zeros(g.shape)),
    });
  }
  let seed: Float64Array, offset: number, cols: number;
  if ('input' in of) {
    const into = own(inst.inputs, of.input);
    if (!into) throw new GraphQueryError(`${here} has no input port ${quote(of.input)} (its inputs: ${Object.keys(inst.inputs).map((p) => quote(p)).join(', ') || 'none'})`);
    const target = inside.find((n) => n.id === into.node)!;
    const t = tangents.get(target.id)!.inputs[target.ports.indexOf(into.port)]!;
    cols = t.shape[1] ?? 1;
    seed = t.data;
    offset = sample * cols;
  } else {
    const dot = of.param.lastIndexOf('.');
    const node = inside.find((n) => n.id === `${inst.id}${PATH_SEPARATOR}${of.param.slice(0, dot)}`);
    const i = node ? node.paramNames.indexOf(of.param.slice(dot + 1)) : -1;
    if (dot <= 0 || !node || i < 0) {
      const known = inside.flatMap((n) => n.paramNames.map((p) => `${n.id.slice(inst.id.length + 1)}.${p}`));
      throw new GraphQueryError(`${here} has no parameter ${quote(of.param)} (it has: ${known.join(', ') || 'none'})`);
    }
    seed = tangents.get(node.id)!.params[i]!.data;
    cols = seed.length;
    offset = 0;
  }
  const out = tangents.get(outputId)!.out;
  const rows = out.shape[1] ?? 1;
  const J: Matrix = { rows, cols, data: new Float64Array(rows * cols) };
  for (let c = 0; c < cols; c++) {
    seed[offset + c] = 1;
    for (const n of inside) n.def.jvp(n.frame as never, tangents.get(n.id)!);
    seed[offset + c] = 0;
    for (let r = 0; r < rows; r++) J.data[r * cols + c] = out.data[sample * rows + r]!;
  }
  return J;
}

function getOr(map: Map<Tensor, Tensor>, t: Tensor): Tensor {
  let z = map.get(t);
  if (!z) map.set(t, (z = zeros(t.shape)));
  return z;
}
