// Issue 13.1–2: formula modules against PyTorch float64 autograd. Random expressions (every function of
// the language among them) over one to three inputs, each fed by its own linear layer: the loss, every
// parameter's and data value's gradient, and the Hessian of every parameter (forward-over-reverse
// through the formula's symbolic second derivatives) equal torch's to 1e-12 relative.
import { describe, expect, it } from 'vitest';
import { compileGraph, hessian, modules, serializeGraph, type Graph, type ModuleDef, type ParamRef, type TensorJson } from '../../../engine/index.ts';
import { runCli } from '../../support/cli-in-process.ts';
import { sharedTorchGraphs } from '../../support/torch-graph.ts';
import { expectClose } from '../support/close.ts';
import { dataNode, edge, graph, linearNode, opNode } from '../support/graphs.ts';
import { ALL_FUNCTIONS, randomFormulas } from '../support/random-formula.ts';
import { testRng, uniform } from '../support/random.ts';

const NAMES = ['x', 'y', 'z'];
const B = 3, F = 2;

interface Case { readonly expression: string; readonly inputs: string[]; readonly graph: Graph; readonly refs: ParamRef[] }

function formulaGraph(expression: string, inputs: string[], seed: number): Case {
  const r = testRng(seed);
  const nodes = [dataNode('d', 'input', B, 3, uniform(r, B * 3, -1, 1)), dataNode('t', 'target', B, F, uniform(r, B * F))];
  const edges = [edge('t', 'loss', 'target'), edge('f', 'loss', 'pred')];
  const refs: ParamRef[] = [];
  inputs.forEach((name, i) => {
    nodes.push(linearNode(`l${i}`, 3, F, uniform(r, 3 * F, -0.8, 0.8), uniform(r, F, -0.5, 0.5)));
    edges.push(edge('d', `l${i}`, 'in'), edge(`l${i}`, 'f', name));
    refs.push({ nodeId: `l${i}`, name: 'W' }, { nodeId: `l${i}`, name: 'b' });
  });
  nodes.push(opNode('f', 'formula', { expression, inputs }), opNode('loss', 'mse'));
  return { expression, inputs, graph: graph(nodes, edges), refs };
}

const rng = testRng(2026);
const cases: Case[] = [];
for (let n = 1; n <= 3; n++) {
  randomFormulas(rng, NAMES.slice(0, n), 14, 4).forEach((expression, k) => cases.push(formulaGraph(expression, NAMES.slice(0, n), 100 * n + k)));
}
const oracle = sharedTorchGraphs(() => cases.map((c) => ({ graph: c.graph, hessianOf: c.refs })));

describe('formula modules against torch autograd (float64)', () => {
  it('the cases call every function of the language', () => {
    const used = new Set(cases.flatMap((c) => ALL_FUNCTIONS.filter((fn) => c.expression.includes(`${fn}(`))));
    expect([...used].sort()).toEqual([...ALL_FUNCTIONS].sort());
  });

  it.for(cases.map((c, i) => [`${c.inputs.length} input${c.inputs.length > 1 ? 's' : ''}: ${c.expression}`, i] as const))('%s', ([, i], ctx) => {
    const c = cases[i]!, torch = oracle(ctx)[i]!;
    const program = compileGraph(c.graph);
    const loss = program.run()!;
    expect(Number.isFinite(loss), 'a finite loss').toBe(true);
    expectClose([loss], [torch.loss], 1e-12, 'loss');
    for (const ref of c.refs) expectClose(program.param(ref.nodeId, ref.name).grad.data, torch.grads[`${ref.nodeId}.${ref.name}`]!, 1e-12, `dL/d${ref.nodeId}.${ref.name}`);
    expectClose(program.node('d').frame.gradOut.data, torch.valueGrads.d!, 1e-12, 'dL/d(input)');
    expectClose(hessian(program, c.refs).matrix.data, torch.hessian!, 1e-12, 'Hessian');
  });

  it('a formula whose second order is off by one part in 10⁹ fails the comparison (negative control)', (ctx) => {
    const i = cases.length - 1, c = cases[i]!, torch = oracle(ctx)[i]!;
    const real = modules.formula as ModuleDef<unknown>;
    const off: ModuleDef<unknown> = { ...real, vjpTangent(f, t) { real.vjpTangent(f, t); for (const g of t.gradInputs) if (g) g.data.forEach((v, k) => { g.data[k] = v * (1 + 1e-9); }); } };
    const program = compileGraph(c.graph, { modules: { formula: off } });
    program.run();
    expect(() => expectClose(hessian(program, c.refs).matrix.data, torch.hessian!, 1e-12, 'Hessian')).toThrow(/Hessian\[/);
  });

  it('through the CLI: run --json and hessian --json on formula graphs give torch\'s numbers', async (ctx) => {
    const torchAll = oracle(ctx);
    // one case per input count, and the one calling every function
    const picks = [1, 20, 30, cases.length - 1];
    for (const i of picks) {
      const c = cases[i]!, torch = torchAll[i]!;
      const file = { 'g.bpgraph': serializeGraph(c.graph) };
      const ran = await runCli(['run', 'g.bpgraph', '--json'], file);
      expect(ran.code, ran.stderr).toBe(0);
      const r = JSON.parse(ran.stdout) as { loss: number; nodes: Record<string, { params: Record<string, { grad: TensorJson }> }> };
      expectClose([r.loss], [torch.loss], 1e-12, `${c.expression}: loss`);
      for (const ref of c.refs) expectClose(r.nodes[ref.nodeId]!.params[ref.name]!.grad.data, torch.grads[`${ref.nodeId}.${ref.name}`]!, 1e-12, `${c.expression}: dL/d${ref.nodeId}.${ref.name}`);
      const h = await runCli(['hessian', 'g.bpgraph', '--params', c.refs.map((p) => `${p.nodeId}.${p.name}`).join(','), '--json'], file);
      expect(h.code, h.stderr).toBe(0);
      expectClose((JSON.parse(h.stdout) as { hessian: TensorJson }).hessian.data, torch.hessian!, 1e-12, `${c.expression}: Hessian`);
    }
  });
});
