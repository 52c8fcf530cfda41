// Composite modules (issue 13.4–6): instances run as the flat graph of their inner nodes, each with its
// own parameters or, for a shared definition, one set whose gradient sums every use; nesting; loops and
// other misuses refused with typed issues; the document round-trips through save and load.
import { describe, expect, it } from 'vitest';
import {
  analyzeGraph, compileGraph, gradientCheck, GraphFileError, hessian, parseGraphFile, serializeGraph, Trainer, withParameters,
  type Graph, type GraphNode, type ModuleDefinition,
} from '../../../engine/index.ts';
import { torchGraph } from '../../support/torch-graph.ts';
import { expectClose } from '../support/close.ts';
import { dataNode, edge, graph, linearNode, opNode } from '../support/graphs.ts';

const X = [0.5, -1, 1.5, 0.25, -0.75, 2];
const Y = [0.2, 0.9, 0.4];

/** The issue's "neuron": fc (linear 2→1) into act (sigmoid). */
function neuron(shared = false, params?: ModuleDefinition['params']): ModuleDefinition {
  return {
    inputs: { x: { node: 'fc', port: 'in' } },
    outputs: { y: { node: 'act', port: 'out' } },
    shared,
    nodes: [{ id: 'fc', kind: 'linear', config: { in: 2, out: 1 } }, { id: 'act', kind: 'sigmoid' }],
    edges: [{ id: 'e1', source: 'fc', sourcePort: 'out', target: 'act', targetPort: 'in' }],
    ...(params ? { params } : {}),
  };
}

const instance = (id: string, module: string, params?: GraphNode['params']): GraphNode => ({ id, kind: 'module', config: { module }, ...(params ? { params } : {}) });
const into = (source: string, target: string, port: string, id: string, sourcePort = 'out') => ({ id, source, sourcePort, target, targetPort: port });

const W1 = { 'fc.W': { shape: [1, 2], data: [0.5, -0.5] }, 'fc.b': { shape: [1], data: [0.1] } };
const W2 = { 'fc.W': { shape: [1, 2], data: [-0.3, 0.8] }, 'fc.b': { shape: [1], data: [-0.2] } };

/** x → n1, n2 (two neurons) → add → mse against y. */
function twoNeurons(def: ModuleDefinition, p1?: GraphNode['params'], p2?: GraphNode['params']): Graph {
  return graph(
    [dataNode('x', 'input', 3, 2, X), instance('n1', 'neuron', p1), instance('n2', 'neuron', p2), opNode('sum', 'add'), dataNode('t', 'target', 3, 1, Y), opNode('loss', 'mse')],
    [into('x', 'n1', 'x', 'a'), into('x', 'n2', 'x', 'b'), into('n1', 'sum', 'a', 'c', 'y'), into('n2', 'sum', 'b', 'd', 'y'), into('sum', 'loss', 'pred', 'f'), into('t', 'loss', 'target', 'g')],
    { modules: { neuron: def } },
  );
}

/** The same graph written out by hand, without modules: what the expansion must equal. */
function handFlattened(p1: typeof W1, p2: typeof W1): Graph {
  return graph(
    [dataNode('x', 'input', 3, 2, X),
      linearNode('n1/fc', 2, 1, p1['fc.W'].data, p1['fc.b'].data), opNode('n1/act', 'sigmoid'),
      linearNode('n2/fc', 2, 1, p2['fc.W'].data, p2['fc.b'].data), opNode('n2/act', 'sigmoid'),
      opNode('sum', 'add'), dataNode('t', 'target', 3, 1, Y), opNode('loss', 'mse')],
    [edge('x', 'n1/fc', 'in', 'a'), edge('n1/fc', 'n1/act', 'in', 'n1/e1'), edge('x', 'n2/fc', 'in', 'b'), edge('n2/fc', 'n2/act', 'in', 'n2/e1'),
      edge('n1/act', 'sum', 'a', 'c'), edge('n2/act', 'sum', 'b', 'd'), edge('sum', 'loss', 'pred', 'f'), edge('t', 'loss', 'target', 'g')],
  );
}

const run = (g: Graph) => { const p = compileGraph(g); p.run(); return { program: p, r: p.results() }; };

describe('composite module instances', () => {
  it('run as their inner nodes "<instance>/<inner>", next to the instance, with every edge inside and outside', () => {
    const { r } = run(twoNeurons(neuron(), W1, W2));
    expect(r.order).toEqual(['x', 'n1/fc', 'n1/act', 'n2/fc', 'n2/act', 'sum', 't', 'loss']);
    expect(Object.keys(r.edges).sort()).toEqual(['a', 'b', 'c', 'd', 'f', 'g', 'n1/e1', 'n2/e1']);
    // the instance reports its output port's value and gradient, and its parameters as "<inner>.<param>"
    expect(Array.from(r.nodes.n1!.output.data)).toEqual(Array.from(r.nodes['n1/act']!.output.data));
    expect(Array.from(r.nodes.n1!.grad.data)).toEqual(Array.from(r.nodes['n1/act']!.grad.data));
    expect(Object.keys(r.nodes.n1!.params).sort()).toEqual(['fc.W', 'fc.b']);
    expect(Array.from(r.nodes.n1!.params['fc.W']!.grad.data)).toEqual(Array.from(r.nodes['n1/fc']!.params.W!.grad.data));
  });

  it('equal the hand-flattened graph exactly, each instance with its own parameters', () => {
    const { r } = run(twoNeurons(neuron(), W1, W2));
    const { r: flat } = run(handFlattened(W1, W2));
    expect(r.loss).toBe(flat.loss);
    for (const id of flat.order) {
      expect(Array.from(r.nodes[id]!.output.data), id).toEqual(Array.from(flat.nodes[id]!.output.data));
      expect(Array.from(r.nodes[id]!.grad.data), id).toEqual(Array.from(flat.nodes[id]!.grad.data));
    }
    expect(Array.from(r.nodes['n1/fc']!.params.W!.value.data)).toEqual([0.5, -0.5]);
    expect(Array.from(r.nodes['n2/fc']!.params.W!.value.data)).toEqual([-0.3, 0.8]);
    expect(r.nodes['n1/fc']!.params.W!.grad.data).not.toEqual(r.nodes['n2/fc']!.params.W!.grad.data);
  });

  it('draw the parameters a file does not store per instance (seed and flat id), so two instances differ', () => {
    const { r } = run(twoNeurons(neuron()));
    expect(Array.from(r.nodes['n1/fc']!.params.W!.value.data)).not.toEqual(Array.from(r.nodes['n2/fc']!.params.W!.value.data));
  });

  it('equal PyTorch float64 (loss and every gradient)', (ctx) => {
    const g = twoNeurons(neuron(), W1, W2);
    const torch = torchGraph(ctx, g);
    const { r } = run(g);
    expect(Math.abs(r.loss! - torch.loss)).toBeLessThan(1e-14);
    for (const id of ['n1/fc', 'n2/fc']) {
      expectClose(r.nodes[id]!.params.W!.grad.data, torch.grads[`${id}.W`]!, 1e-12, `${id}.W`);
      expectClose(r.nodes[id]!.params.b!.grad.data, torch.grads[`${id}.b`]!, 1e-12, `${id}.b`);
    }
  });
});

describe('shared weights', () => {
  const sharedGraph = (): Graph => twoNeurons(neuron(true, W1));

  it('every instance uses the one set under modules.<name>.params, and its gradient is the sum over the uses', () => {
    const { program, r } = run(sharedGraph());
    const { r: flat } = run(handFlattened(W1, W1));
    expect(r.loss).toBe(flat.loss);
    const sum = Array.from(flat.nodes['n1/fc']!.params.W!.grad.data, (v, k) => v + flat.nodes['n2/fc']!.params.W!.grad.data[k]!);
    expectClose(r.nodes['n1/fc']!.params.W!.grad.data, sum, 1e-15, 'dL/dW shared');
    expectClose(r.nodes['n2/fc']!.params.W!.grad.data, sum, 1e-15, 'dL/dW seen from the second use');
    // one parameter, not two: training updates it once with the summed gradient
    const params = program.parameters().map((p) => `${p.nodeId}.${p.name}`);
    expect(params).toEqual(['n1/fc.W', 'n1/fc.b']);
    expect(program.node('n2/fc').frame.params[0]).toBe(program.node('n1/fc').frame.params[0]);
  });

  it('equal PyTorch with one leaf used twice (gradient and Hessian)', (ctx) => {
    const g = sharedGraph();
    const refs = [{ nodeId: 'n1/fc', name: 'W' }, { nodeId: 'n1/fc', name: 'b' }];
    const torch = torchGraph(ctx, g, refs);
    const { program, r } = run(g);
    expectClose(r.nodes['n1/fc']!.params.W!.grad.data, torch.grads['n1/fc.W']!, 1e-12, 'W');
    expectClose(r.nodes['n1/fc']!.params.b!.grad.data, torch.grads['n1/fc.b']!, 1e-12, 'b');
    expectClose(hessian(program, refs).matrix.data, torch.hessian!, 1e-12, 'Hessian');
  });

  it('pass the gradient check (the shared parameter checked once, against the summed gradient)', () => {
    const report = gradientCheck(compileGraph(sharedGraph()));
    expect(report.passed).toBe(true);
    const params = report.nodes.flatMap((n) => n.tensors.filter((t) => t.name === 'W' || t.name === 'b').map((t) => `${n.nodeId}.${t.name}`));
    expect(params).toEqual(['n1/fc.W', 'n1/fc.b']);
  });

  it('train as one parameter and write back to modules.<name>.params; own parameters go to their instance', () => {
    for (const [g, where] of [[sharedGraph(), 'module'], [twoNeurons(neuron(), W1, W2), 'instance']] as const) {
      const trainer = new Trainer(g, { settings: { optimizer: 'sgd', learningRate: 0.5, epochs: 1, batchSize: 3 } });
      trainer.runFor(Infinity);
      const back = trainer.trainedGraph();
      const n1 = back.nodes.find((n) => n.id === 'n1')!;
      if (where === 'module') {
        expect(n1.params).toBeUndefined();
        expect(back.modules!.neuron!.params!['fc.W']!.data).not.toEqual(W1['fc.W'].data);
        expect(Object.keys(back.modules!.neuron!.params!).sort()).toEqual(['fc.W', 'fc.b']);
      } else {
        expect(Object.keys(n1.params!).sort()).toEqual(['fc.W', 'fc.b']);
        expect(n1.params!['fc.W']!.data).not.toEqual(W1['fc.W'].data);
        expect(back.modules!.neuron!.params).toBeUndefined();
      }
      expect(back.nodes.map((n) => n.id)).toEqual(g.nodes.map((n) => n.id)); // no flat node leaks into the document
    }
  });
});

describe('nesting', () => {
  /** "pair": two neurons a, b on one input, added. */
  const pair: ModuleDefinition = {
    inputs: { x: { node: 'split', port: 'x' } }, outputs: { out: { node: 'sum', port: 'out' } }, shared: false,
    nodes: [
      { id: 'split', kind: 'formula', config: { expression: 'x', inputs: ['x'] } },
      instance('a', 'neuron'), instance('b', 'neuron'), { id: 'sum', kind: 'add' },
    ],
    edges: [into('split', 'a', 'x', 'e1'), into('split', 'b', 'x', 'e2'), into('a', 'sum', 'a', 'e3', 'y'), into('b', 'sum', 'b', 'e4', 'y')],
  };
  const nested = (): Graph => graph(
    [dataNode('x', 'input', 3, 2, X), instance('p', 'pair', { 'a/fc.W': W1['fc.W'], 'a/fc.b': W1['fc.b'], 'b/fc.W': W2['fc.W'], 'b/fc.b': W2['fc.b'] }),
      dataNode('t', 'target', 3, 1, Y), opNode('loss', 'mse')],
    [into('x', 'p', 'x', 'in'), into('p', 'loss', 'pred', 'out', 'out'), into('t', 'loss', 'target', 'tg')],
    { modules: { neuron: neuron(), pair } },
  );

  it('names inner nodes "a/b/c", keeps the parameters of the nested instances on the outer one, and equals PyTorch', (ctx) => {
    const g = nested();
    const { r } = run(g);
    expect(r.order).toEqual(['x', 'p/split', 'p/a/fc', 'p/a/act', 'p/b/fc', 'p/b/act', 'p/sum', 't', 'loss']);
    expect(Object.keys(r.nodes)).toEqual(expect.arrayContaining(['p', 'p/a', 'p/b']));
    expect(Object.keys(r.nodes.p!.params).sort()).toEqual(['a/fc.W', 'a/fc.b', 'b/fc.W', 'b/fc.b']);
    expect(Object.keys(r.nodes['p/a']!.params).sort()).toEqual(['fc.W', 'fc.b']);
    expect(Object.keys(r.edges)).toEqual(expect.arrayContaining(['in', 'out', 'p/e1', 'p/a/e1', 'p/b/e1']));
    expect(Array.from(r.nodes['p/a/fc']!.params.W!.value.data)).toEqual([0.5, -0.5]);
    const torch = torchGraph(ctx, g);
    expect(Math.abs(r.loss! - torch.loss)).toBeLessThan(1e-14);
    expectClose(r.nodes['p/b/fc']!.params.W!.grad.data, torch.grads['p/b/fc.W']!, 1e-12, 'p/b/fc.W');
  });

  it('a shared module used inside another keeps its one set wherever it is used', () => {
    const g = nested();
    const shared = { ...g, modules: { neuron: neuron(true, W1), pair }, nodes: g.nodes.map((n) => (n.id === 'p' ? instance('p', 'pair') : n)) };
    const { program } = run(shared);
    expect(program.parameters().map((p) => `${p.nodeId}.${p.name}`)).toEqual(['p/a/fc.W', 'p/a/fc.b']);
    expect(gradientCheck(program).passed).toBe(true);
  });
});

describe('refusals', () => {
  const issues = (g: Graph) => analyzeGraph(g).issues.map((i) => ({ code: i.code, nodeId: i.nodeId, message: i.message }));

  it('a loop among definitions, named, by the analysis and by the reader', () => {
    const loopA: ModuleDefinition = { inputs: { x: { node: 'b', port: 'x' } }, outputs: { y: { node: 'b', port: 'y' } }, shared: false, nodes: [instance('b', 'B')], edges: [] };
    const loopB: ModuleDefinition = { inputs: { x: { node: 'a', port: 'x' } }, outputs: { y: { node: 'a', port: 'y' } }, shared: false, nodes: [instance('a', 'A')], edges: [] };
    const g = graph([dataNode('x', 'input', 3, 2, X), instance('m', 'A')], [into('x', 'm', 'x', 'e')], { modules: { A: loopA, B: loopB } });
    expect(issues(g)).toContainEqual({ code: 'module-cycle', nodeId: 'm/b/a', message: 'node "m/b/a" (module): modules use each other in a loop: "A" → "B" → "A"' });
    expect(() => parseGraphFile(serializeGraph(g))).toThrow(GraphFileError);
    expect(() => parseGraphFile(serializeGraph(g))).toThrow('modules.A.nodes[0].config.module (module "A", node "b"): modules use each other in a loop: "A" → "B" → "A"');
  });

  it('an unknown module, a port the definition lacks, an inner id with "/"', () => {
    const g = twoNeurons(neuron(), W1, W2);
    const unknown = { ...g, nodes: g.nodes.map((n) => (n.id === 'n2' ? instance('n2', 'nueron') : n)) };
    expect(issues(unknown)).toContainEqual({ code: 'unknown-module', nodeId: 'n2', message: 'node "n2" (module): no module "nueron" in this graph (its modules: "neuron")' });
    const badPort = { ...g, edges: g.edges.map((e) => (e.id === 'a' ? { ...e, targetPort: 'z' } : e)) };
    expect(issues(badPort)).toContainEqual({ code: 'missing-port', nodeId: 'n1', message: 'edge "a": node "n1" (module) has no input port "z" (module "neuron"\'s inputs: "x")' });
    const badOut = { ...g, edges: g.edges.map((e) => (e.id === 'c' ? { ...e, sourcePort: 'out' } : e)) };
    expect(issues(badOut)).toContainEqual({ code: 'missing-port', nodeId: 'n1', message: 'edge "c": node "n1" (module) has no output port "out" (module "neuron"\'s outputs: "y")' });
    const def = neuron();
    const slash = { ...g, modules: { neuron: { ...def, nodes: [...def.nodes, { id: 'x/y', kind: 'relu' }] } } };
    expect(issues(slash).map((i) => i.code)).toContain('bad-id');
    expect(() => parseGraphFile(serializeGraph(slash))).toThrow('modules.neuron.nodes[2].id (module "neuron", node "x/y"): inner node id "x/y" contains "/"');
  });

  it('a parameter key that names no inner node, and per-instance parameters on a shared module', () => {
    const stray = twoNeurons(neuron(), { ...W1, 'fx.W': W1['fc.W'] }, W2);
    expect(issues(stray)).toContainEqual({ code: 'unknown-param', nodeId: 'n1', message: 'node "n1" (module): parameter "fx.W" names no inner node\'s parameter (it has fc.…, act.…)' });
    const shared = twoNeurons(neuron(true, W1), W2);
    expect(issues(shared).map((i) => [i.code, i.nodeId])).toEqual([['unknown-param', 'n1']]);
  });
});

describe('the file', () => {
  it('round-trips through save and load: definitions once under "modules", instances unexpanded', () => {
    for (const g of [twoNeurons(neuron(), W1, W2), twoNeurons(neuron(true, W1))]) {
      const text = serializeGraph(g);
      const doc = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(['format', 'version', 'name', 'modules', 'nodes', 'edges']);
      const back = parseGraphFile(text);
      expect(back).toEqual(g);
      expect(serializeGraph(back)).toBe(text);
      expect(run(back).r.loss).toBe(run(g).r.loss);
    }
  });

  it('reads the issue\'s example as written', () => {
    const text = JSON.stringify({
      format: 'backprop-studio-graph', version: 2,
      modules: { neuron: {
        inputs: { x: { node: 'fc', port: 'in' } },
        outputs: { y: { node: 'act', port: 'out' } },
        shared: false,
        nodes: [{ id: 'fc', kind: 'linear', config: { in: 2, out: 1 } }, { id: 'act', kind: 'sigmoid' }],
        edges: [{ id: 'e1', source: 'fc', target: 'act', targetPort: 'in' }] } },
      nodes: [{ id: 'n1', kind: 'module', config: { module: 'neuron' }, params: { 'fc.W': { shape: [1, 2], data: [0.5, -0.5] } } }, dataNode('x', 'input', 1, 2, [1, 2])],
      edges: [{ id: 'in', source: 'x', target: 'n1', targetPort: 'x' }],
    });
    const g = parseGraphFile(text);
    const { r } = run(g);
    expect(r.nodes.n1!.output.data[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.5 - 1))), 15);
  });

  it('withParameters routes flat ids home and leaves top-level nodes as before', () => {
    const g = twoNeurons(neuron(), W1, W2);
    const next = withParameters(g, { 'n2/fc': { W: { shape: [1, 2], data: [9, 9] } } });
    expect(next.nodes.find((n) => n.id === 'n2')!.params!['fc.W']!.data).toEqual([9, 9]);
    expect(next.nodes.find((n) => n.id === 'n2')!.params!['fc.b']).toEqual(W2['fc.b']);
    expect(next.nodes.find((n) => n.id === 'n1')).toBe(g.nodes.find((n) => n.id === 'n1'));
  });
});

describe('the Jacobian of a whole module', () => {
  it('is d(output)/d(input) through the inner nodes: σ′(z)·W, and d(output)/d(fc.W) = σ′(z)·x', () => {
    const { program } = run(twoNeurons(neuron(), W1, W2));
    const sample = 1;
    const x = X.slice(sample * 2, sample * 2 + 2);
    const z = 0.5 * x[0]! - 0.5 * x[1]! + 0.1;
    const s = 1 / (1 + Math.exp(-z)), ds = s * (1 - s);
    const dx = program.jacobian('n1', sample, { input: 'x' });
    expect([dx.rows, dx.cols]).toEqual([1, 2]);
    expectClose(dx.data, [ds * 0.5, ds * -0.5], 1e-15, 'dy/dx');
    expectClose(program.jacobian('n1', sample, { param: 'fc.W' }).data, [ds * x[0]!, ds * x[1]!], 1e-15, 'dy/dW');
    expectClose(program.jacobian('n1', sample, { param: 'fc.b' }).data, [ds], 1e-15, 'dy/db');
    expect(() => program.jacobian('n1', 0, { input: 'q' })).toThrow('node "n1" (module) has no input port "q" (its inputs: "x")');
    expect(() => program.jacobian('n1', 0, { param: 'act.W' })).toThrow('node "n1" (module) has no parameter "act.W" (it has: fc.W, fc.b)');
  });
});
