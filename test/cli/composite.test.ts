// The CLI on composite modules (issue 13.6): run --json names inner nodes "<instance>/<inner>" (nested
// "a/b/c") next to the instances and lists every edge; gradcheck, hessian and jacobian work on them,
// jacobian --node <instance> giving the Jacobian of the whole module.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-in-process.ts';

const X = [0.5, -1, 1.5, 0.25, -0.75, 2];
const W1 = [0.5, -0.5], B1 = [0.1], W2 = [-0.3, 0.8], B2 = [-0.2];

/** p: a "pair" module of two "neuron"s a and b on one input, added; the neuron shared or not. */
function file(shared: boolean): string {
  const neuron = {
    inputs: { x: { node: 'fc', port: 'in' } }, outputs: { y: { node: 'act', port: 'out' } }, shared,
    nodes: [{ id: 'fc', kind: 'linear', config: { in: 2, out: 1 } }, { id: 'act', kind: 'sigmoid' }],
    edges: [{ id: 'e1', source: 'fc', target: 'act', targetPort: 'in' }],
    ...(shared ? { params: { 'fc.W': { shape: [1, 2], data: W1 }, 'fc.b': { shape: [1], data: B1 } } } : {}),
  };
  const pair = {
    inputs: { x: { node: 'split', port: 'x' } }, outputs: { out: { node: 'sum' } }, shared: false,
    nodes: [{ id: 'split', kind: 'formula', config: { expression: 'x', inputs: ['x'] } }, { id: 'a', kind: 'module', config: { module: 'neuron' } },
      { id: 'b', kind: 'module', config: { module: 'neuron' } }, { id: 'sum', kind: 'add' }],
    edges: [{ id: 'e1', source: 'split', target: 'a', targetPort: 'x' }, { id: 'e2', source: 'split', target: 'b', targetPort: 'x' },
      { id: 'e3', source: 'a', sourcePort: 'y', target: 'sum', targetPort: 'a' }, { id: 'e4', source: 'b', sourcePort: 'y', target: 'sum', targetPort: 'b' }],
  };
  const params = shared ? undefined : { 'a/fc.W': { shape: [1, 2], data: W1 }, 'a/fc.b': { shape: [1], data: B1 }, 'b/fc.W': { shape: [1, 2], data: W2 }, 'b/fc.b': { shape: [1], data: B2 } };
  return JSON.stringify({
    format: 'backprop-studio-graph', version: 2, name: 'pair',
    modules: { neuron, pair },
    nodes: [
      { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [3, 2], data: X } },
      { id: 'p', kind: 'module', config: { module: 'pair' }, ...(params ? { params } : {}) },
      { id: 't', kind: 'target', config: { size: 1 }, value: { shape: [3, 1], data: [0.2, 0.9, 0.4] } },
      { id: 'loss', kind: 'mse' },
    ],
    edges: [{ id: 'in', source: 'x', target: 'p', targetPort: 'x' }, { id: 'out', source: 'p', sourcePort: 'out', target: 'loss', targetPort: 'pred' },
      { id: 'tg', source: 't', target: 'loss', targetPort: 'target' }],
  });
}

const cli = (argv: string[], shared = false) => runCli(argv, { 'g.bpgraph': file(shared) });
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('composite modules in the CLI', () => {
  it('run --json: inner nodes "p/a/fc" next to the instances "p" and "p/a", every edge inside and outside', async () => {
    const { code, stdout } = await cli(['run', 'g.bpgraph', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.order).toEqual(['x', 'p/split', 'p/a/fc', 'p/a/act', 'p/b/fc', 'p/b/act', 'p/sum', 't', 'loss']);
    expect(Object.keys(out.nodes).sort()).toEqual(['loss', 'p', 'p/a', 'p/a/act', 'p/a/fc', 'p/b', 'p/b/act', 'p/b/fc', 'p/split', 'p/sum', 't', 'x']);
    expect(Object.keys(out.edges).sort()).toEqual(['in', 'out', 'p/a/e1', 'p/b/e1', 'p/e1', 'p/e2', 'p/e3', 'p/e4', 'tg']);
    const y0 = sigmoid(0.5 * 0.5 + 0.5 + 0.1) + sigmoid(-0.3 * 0.5 - 0.8 - 0.2);
    expect(out.nodes.p.output.data[0]).toBeCloseTo(y0, 15);
    expect(out.nodes.p.output).toEqual(out.nodes['p/sum'].output);
    expect(out.nodes.p.params['a/fc.W'].value.data).toEqual(W1);
    expect(out.nodes['p/a'].params['fc.W']).toEqual(out.nodes.p.params['a/fc.W']);
    const table = await cli(['run', 'g.bpgraph']);
    expect(table.stdout).toMatch(/p\/a\/fc\s+linear/);
    expect(table.stdout).toMatch(/\bp\s+module pair/);
  });

  it('gradcheck passes on instances, shared or not', async () => {
    for (const shared of [false, true]) {
      const { code, stdout } = await cli(['gradcheck', 'g.bpgraph', '--json'], shared);
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.passed).toBe(true);
      const params = report.nodes.flatMap((n: { nodeId: string; tensors: { name: string }[] }) => n.tensors.filter((t) => t.name === 'W').map(() => n.nodeId));
      expect(params).toEqual(shared ? ['p/a/fc'] : ['p/a/fc', 'p/b/fc']);
    }
  });

  it('hessian of an inner parameter; of a shared one, seen from either use, the same', async () => {
    const own = JSON.parse((await cli(['hessian', 'g.bpgraph', '--params', 'p/a/fc.W,p/b/fc.b', '--json'])).stdout);
    expect(own.order).toEqual(['p/a/fc.W[0,0]', 'p/a/fc.W[0,1]', 'p/b/fc.b[0]']);
    const a = JSON.parse((await cli(['hessian', 'g.bpgraph', '--params', 'p/a/fc.W', '--json'], true)).stdout);
    const b = JSON.parse((await cli(['hessian', 'g.bpgraph', '--params', 'p/b/fc.W', '--json'], true)).stdout);
    expect(b.hessian).toEqual(a.hessian);
  });

  it('jacobian --node p: the whole module, σ′(z₁)W₁ + σ′(z₂)W₂, and by an inner parameter', async () => {
    const { code, stdout } = await cli(['jacobian', 'g.bpgraph', '--node', 'p', '--sample', '2', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.output).toBe('out');
    expect(Object.keys(out.jacobians)).toEqual(['x', 'a/fc.W', 'a/fc.b', 'b/fc.W', 'b/fc.b']);
    const x = X.slice(4, 6);
    const s1 = sigmoid(W1[0]! * x[0]! + W1[1]! * x[1]! + B1[0]!), s2 = sigmoid(W2[0]! * x[0]! + W2[1]! * x[1]! + B2[0]!);
    const d1 = s1 * (1 - s1), d2 = s2 * (1 - s2);
    const J = out.jacobians.x.data as number[];
    expect(out.jacobians.x.shape).toEqual([1, 2]);
    [d1 * W1[0]! + d2 * W2[0]!, d1 * W1[1]! + d2 * W2[1]!].forEach((v, i) => expect(J[i]).toBeCloseTo(v, 15));
    expect(out.jacobians['b/fc.W'].data[1]).toBeCloseTo(d2 * x[1]!, 15);
    const text = await cli(['jacobian', 'g.bpgraph', '--node', 'p']);
    expect(text.stdout).toMatch(/^d\(p\.out\)\/d\(x\) for sample 0: 1×2/);
    const inner = JSON.parse((await cli(['jacobian', 'g.bpgraph', '--node', 'p/a/fc', '--json'])).stdout);
    expect(Object.keys(inner.jacobians)).toEqual(['in', 'W', 'b']);
  });

  it('a loop among definitions is refused with exit 2, naming it', async () => {
    const doc = JSON.parse(file(false));
    doc.modules.neuron.nodes.push({ id: 'again', kind: 'module', config: { module: 'pair' } });
    const { code, stderr } = await runCli(['run', 'g.bpgraph'], { 'g.bpgraph': JSON.stringify(doc) });
    expect(code).toBe(2);
    expect(stderr).toContain('modules use each other in a loop: "neuron" → "pair" → "neuron"');
  });
});
