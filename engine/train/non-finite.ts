// Where a NaN or an Infinity first appeared, so training can stop and name that node.
import type { CompiledNode, Program } from '../graph/program.ts';
import type { Floats } from '../tensor.ts';

export function allFinite(d: Floats): boolean {
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k]!)) return false;
  return true;
}

/** The first node, in forward order, whose output holds NaN or ±Infinity. */
export function firstNonFiniteForward(p: Program): string {
  const hit = p.nodes.find((n) => !allFinite(n.frame.out.data));
  return (hit ?? p.lossNodes[0]!).id;
}

/** The first node, in backward order, whose VJP wrote a non-finite gradient (for an input or a parameter). */
export function firstNonFiniteBackward(p: Program): string | null {
  for (let i = p.nodes.length - 1; i >= 0; i--) {
    const n: CompiledNode = p.nodes[i]!;
    if (!n.reachesLoss) continue;
    const f = n.frame;
    if (f.gradInputs.some((g) => g !== null && !allFinite(g.data)) || f.gradParams.some((g) => !allFinite(g.data))) return n.id;
  }
  return null;
}
