// The exact Hessian (forward-over-reverse) against central differences of the exact gradient.
import { describe, expect, it } from 'vitest';
import {
  compileGraph, GraphQueryError, hessian, MAX_HESSIAN_ENTRIES, modules, parseParamRefs, type CompileOptions, type Graph, type ModuleDef, type ParamRef, type Program,
} from '../../engine/index.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';
import { testRng, uniform } from './support/random.ts';
import { chainGraph, diamondGraph, messyGraph } from './support/sample-graphs.ts';

/** Column j of H by (∇L(θ + h e_j) − ∇L(θ − h e_j)) / 2h, using program.run() for the gradients. */
function finiteDifferenceHessian(program: Program, refs: ParamRef[], h = 1e-5): number[][] {
  const tensors = refs.map((r) => program.param(r.nodeId, r.name));
  const gradient = (): number[] => { program.run(); return tensors.flatMap((t) => Array.from(t.grad.data)); };
  const cols: number[][] = [];
  for (const t of tensors) {
    for (let k = 0; k < t.value.data.length; k++) {
      const saved = t.value.data[k]!;
      t.value.data[k] = saved + h; const plus = gradient();
      t.value.data[k] = saved - h; const minus = gradient();
      t.value.data[k] = saved;
      cols.push(plus.map((p, i) => (p - minus[i]!) / (2 * h)));
    }
  }
  program.run();
  return cols;
}

function expectHessianMatches(g: Graph, refs: ParamRef[], options: CompileOptions = {}): void {
  const program = compileGraph(g, options);
  const { matrix: H, labels } = hessian(program, refs);
  const n = H.rows;
  expect(labels).toHaveLength(n);
  const fd = finiteDifferenceHessian(program, refs);
  let scale = 0;
  for (const v of H.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const h = H.data[i * n + j]!;
      expect(Math.abs(h - H.data[j * n + i]!), `symmetry at ${labels[i]}, ${labels[j]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, scale));
      const err = Math.abs(h - fd[j]![i]!) / Math.max(Math.abs(h), Math.abs(fd[j]![i]!), 1e-3 * scale, 1e-8);
      expect(err, `H[${labels[i]}, ${labels[j]}] = ${h}, finite differences ${fd[j]![i]}`).toBeLessThan(1e-6);
    }
  }
  expect(scale).toBeGreaterThan(0);
}

/** x → l1 → {act} → l2 → loss, for one activation and loss kind. */
function twoLayer(act: string, loss: 'mse' | 'bce' | 'softmax_ce', seed: number): Graph {
  const r = testRng(seed);
  const B = 3;
  const target = loss === 'mse' ? uniform(r, B * 2) : uniform(r, B * 2, 0, 1);
  const nodes = [
    dataNode('x', 'input', B, 2, uniform(r, B * 2)),
    linearNode('l1', 2, 3, uniform(r, 6), uniform(r, 3)),
    opNode('a', act),
    linearNode('l2', 3, 2, uniform(r, 6), uniform(r, 2)),
    dataNode('y', 'target', B, 2, target),
    opNode('loss', loss, { reduction: 'mean' }),
  ];
  const edges = [edge('x', 'l1', 'in'), edge('l1', 'a', 'in'), edge('a', 'l2', 'in'), edge('y', 'loss', 'target')];
  if (loss === 'bce') { nodes.push(opNode('p', 'sigmoid')); edges.push(edge('l2', 'p', 'in'), edge('p', 'loss', 'pred')); }
  else edges.push(edge('l2', 'loss', loss === 'mse' ? 'pred' : 'logits'));
  return graph(nodes, edges);
}

const bothLayers: ParamRef[] = [{ nodeId: 'l1', name: 'W' }, { nodeId: 'l1', name: 'b' }, { nodeId: 'l2', name: 'W' }, { nodeId: 'l2', name: 'b' }];

describe('hessian', () => {
  it.each([
    ['tanh', 'mse'], ['sigmoid', 'bce'], ['tanh', 'softmax_ce'], ['softmax', 'mse'], ['relu', 'softmax_ce'],
  ] as const)('matches finite differences with %s and %s', (act, loss) => {
    expectHessianMatches(twoLayer(act, loss, act.length * 7 + loss.length), bothLayers);
  });

  it('matches finite differences through multiply (diamond) and softmax_ce', () => {
    expectHessianMatches(diamondGraph(), [{ nodeId: 'l', name: 'W' }, { nodeId: 'l', name: 'b' }]);
  });

  it('matches finite differences on the messy graph (concat, add used twice, four losses)', () => {
    expectHessianMatches(messyGraph(), [{ nodeId: 'l1', name: 'b' }, { nodeId: 'l2', name: 'W' }, { nodeId: 'l3', name: 'W' }]);
  });

  it('catches a tanh whose vjpTangent drops the curvature term (negative control)', () => {
    const real = modules.tanh as unknown as ModuleDef<unknown>;
    const flat: ModuleDef<unknown> = {
      ...real,
      vjpTangent(f, t) { t.gradInputs[0]!.data.forEach((_, i) => { t.gradInputs[0]!.data[i] = t.gradOut.data[i]! * (1 - f.out.data[i]! ** 2); }); },
    };
    expect(() => expectHessianMatches(twoLayer('tanh', 'mse', 3), bothLayers, { modules: { tanh: flat } })).toThrow(/finite differences/);
  });

  it('labels entries node.param[row,col] in row-major order', () => {
    const { labels } = hessian(compileGraph(chainGraph()), parseParamRefs('l2.b, l2.W'));
    expect(labels.slice(0, 3)).toEqual(['l2.b[0]', 'l2.b[1]', 'l2.W[0,0]']);
    expect(labels.at(-1)).toBe('l2.W[1,3]');
  });

  it('names an unknown parameter and lists the real ones', () => {
    expect(() => hessian(compileGraph(chainGraph()), [{ nodeId: 'l1', name: 'V' }])).toThrow(/node "l1" \(linear\) has no parameter "V" \(it has: W, b\)/);
    expect(() => hessian(compileGraph(chainGraph()), [{ nodeId: 'nope', name: 'W' }])).toThrow(/no node "nope"/);
    expect(() => parseParamRefs('l1W')).toThrow(GraphQueryError);
  });

  it('refuses a graph without a loss', () => {
    const g = chainGraph();
    g.nodes = g.nodes.filter((n) => n.id !== 'loss');
    g.edges = g.edges.filter((e) => e.target !== 'loss');
    expect(() => hessian(compileGraph(g), [{ nodeId: 'l1', name: 'W' }])).toThrow(/no loss node/);
  });

  it('refuses more than MAX_HESSIAN_ENTRIES entries and an empty selection', () => {
    const n = 33; // 33 × 33 = 1089 weights > 1024
    const g = graph([
      dataNode('x', 'input', 1, n, new Array<number>(n).fill(0.1)), linearNode('big', n, n, new Array<number>(n * n).fill(0.01)),
      dataNode('y', 'target', 1, n, new Array<number>(n).fill(0)), opNode('loss', 'mse'),
    ], [edge('x', 'big', 'in'), edge('big', 'loss', 'pred'), edge('y', 'loss', 'target')]);
    expect(n * n).toBeGreaterThan(MAX_HESSIAN_ENTRIES);
    expect(() => hessian(compileGraph(g), [{ nodeId: 'big', name: 'W' }])).toThrow(new RegExp(`${n * n} entries selected; the Hessian is limited to ${MAX_HESSIAN_ENTRIES}`));
    expect(() => hessian(compileGraph(g), [])).toThrow(/choose at least one parameter/);
  });

  // Training compiles with dataGradients: false; the Hessian of that program must still work.
  it('works on a program compiled with dataGradients: false', () => {
    const g = chainGraph();
    const full = hessian(compileGraph(g), [{ nodeId: 'l1', name: 'W' }]);
    const training = hessian(compileGraph(g, { dataGradients: false }), [{ nodeId: 'l1', name: 'W' }]);
    expect(Array.from(training.matrix.data)).toEqual(Array.from(full.matrix.data));
  });
});
