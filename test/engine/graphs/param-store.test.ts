// One parameter store, many programs: batch size is a compile option and every program compiled
// with the same store reads and writes the same buffers.
import { describe, expect, it } from 'vitest';
import {
  compileGraph, createParamStore, GraphQueryError, GraphValidationError, initialParams, initParam, modules,
  type Graph, type ModuleDef,
} from '../../../engine/index.ts';
import { chainGraph, messyGraph } from '../support/sample-graphs.ts';
import { dataNode, edge, graph } from '../support/graphs.ts';

/** x(3) → linear(3→2, drawn from the seed) → mse ← y(2), batch 2. */
const drawn = (): Graph => graph([
  dataNode('x', 'input', 2, 3, [1, 2, 3, 4, 5, 6]),
  { id: 'l', kind: 'linear', config: { in: 3, out: 2, init: 'he' } },
  dataNode('y', 'target', 2, 2, [0, 1, 1, 0]),
  { id: 'loss', kind: 'mse' },
], [edge('x', 'l', 'in'), edge('l', 'loss', 'pred'), edge('y', 'loss', 'target')], { seed: 5 });

describe('compile option batch', () => {
  it('gives data nodes zero frames of that many rows, whatever value the graph stores', () => {
    const p = compileGraph(chainGraph(2), { batch: 5 });
    expect(p.batch).toBe(5);
    expect(p.node('x').frame.value!.shape).toEqual([5, 3]);
    expect(p.node('l2').frame.out.shape).toEqual([5, 2]);
    expect(p.node('x').frame.value!.data.every((v) => v === 0)).toBe(true);
  });

  it('runs the same numbers as the graph with those rows stored, once they are set', () => {
    const g = chainGraph(3, 9);
    const fed = compileGraph(g, { batch: 3 });
    fed.run();
    expect(fed.loss).not.toBe(compileGraph(g).run()); // the stored rows are not read
    for (const id of ['x', 'y']) fed.setValue(id, g.nodes.find((n) => n.id === id)!.value!.data);
    expect(fed.run()).toBe(compileGraph(g).run());
  });

  it('is a positive whole number', () => {
    expect(() => compileGraph(chainGraph(), { batch: 0 })).toThrow(/batch must be a positive whole number, got 0/);
    expect(() => compileGraph(chainGraph(), { batch: 1.5 })).toThrow(GraphQueryError);
  });
});

describe('the parameter store', () => {
  it('is aliased, not copied: an update through one program is what another program of another batch size runs', () => {
    const store = createParamStore(chainGraph());
    const small = compileGraph(chainGraph(), { params: store });
    const big = compileGraph(chainGraph(), { batch: 7, params: store });
    expect(big.param('l1', 'W').value.data).toBe(store.get('l1', 'W')!.data);
    expect(small.param('l1', 'W').value.data).toBe(big.param('l1', 'W').value.data);
    small.param('l2', 'b').value.data[1] = 42;
    expect(big.param('l2', 'b').value.data[1]).toBe(42);
    expect(store.toJson().l2!.b!.data[1]).toBe(42);
  });

  it('a program compiled without one makes its own, from the stored tensors and the modules\' draws', () => {
    const p = compileGraph(drawn());
    expect(p.params.entries.map((e) => `${e.nodeId}.${e.name}`)).toEqual(['l.W', 'l.b']);
    expect(Array.from(p.param('l', 'W').value.data)).toEqual(Array.from(initParam('he', [2, 3], 5, 'l', 'W').data));
    expect(Array.from(createParamStore(drawn()).get('l', 'W')!.data)).toEqual(Array.from(p.param('l', 'W').value.data));
    expect(createParamStore(chainGraph()).toJson().l1!.W).toEqual(chainGraph().nodes.find((n) => n.id === 'l1')!.params!.W);
  });

  it('compiling with a store that lacks a parameter, or holds it in another shape, names node and parameter', () => {
    const store = createParamStore(drawn());
    const wider: Graph = { ...drawn(), nodes: drawn().nodes.map((n) => (n.id === 'l' ? { ...n, config: { in: 3, out: 2, bias: false } } : n)) };
    expect(() => compileGraph(chainGraph(), { params: store })).toThrow('node "l1" (linear): parameter W is not in the parameter store');
    const other = graph([dataNode('x', 'input', 1, 4, [1, 2, 3, 4]), { id: 'l', kind: 'linear', config: { in: 4, out: 2 } }], [edge('x', 'l', 'in')]);
    expect(() => compileGraph(other, { params: store })).toThrow('node "l" (linear): parameter W is [2, 3] in the parameter store, but its config needs [2, 4]');
    expect(() => compileGraph(wider, { params: store })).not.toThrow(); // a store may hold more than a program uses
  });

  it('is made from a broken graph without throwing; compiling it reports the breakage', () => {
    const broken: Graph = { ...drawn(), nodes: [...drawn().nodes, { id: 'odd', kind: 'nope' }, { id: 'bad', kind: 'linear', config: { in: -1 } }] };
    const badTensor: Graph = { ...drawn(), nodes: drawn().nodes.map((n) => (n.id === 'l' ? { ...n, params: { W: { shape: [2, 3], data: [1] } } } : n)) };
    expect(createParamStore(broken).entries).toHaveLength(2);
    expect(createParamStore(badTensor).get('l', 'W')!.data).toHaveLength(6);
    expect(() => compileGraph(badTensor, { params: createParamStore(badTensor) })).toThrow(GraphValidationError);
  });
});

describe('initialParams: the module decides', () => {
  it('linear draws W by its scheme and starts b at zero; a module that draws nothing gets zeros', () => {
    const linear = modules.linear as unknown as ModuleDef<unknown>;
    const fresh = initialParams(linear, linear.parseConfig({ in: 3, out: 2, init: 'normal' }), 4, 'l');
    expect(Array.from(fresh.W!.data)).toEqual(Array.from(initParam('normal', [2, 3], 4, 'l', 'W').data));
    expect(Array.from(fresh.b!.data)).toEqual([0, 0]);
    const undrawn: ModuleDef<unknown> = { ...linear, initParams: undefined };
    expect(Array.from(initialParams(undrawn, linear.parseConfig({ in: 2, out: 1 }), 4, 'l').W!.data)).toEqual([0, 0]);
  });

  it('a compile with replaced modules draws with the replacement (the store follows the def it compiles)', () => {
    const linear = modules.linear as unknown as ModuleDef<unknown>;
    const ones: ModuleDef<unknown> = { ...linear, initParams: (c) => Object.fromEntries(Object.entries(linear.paramShapes(c)).map(([k, s]) => [k, { shape: s, data: new Float64Array(s[0]! * (s[1] ?? 1)).fill(1) }])) };
    const g: Graph = { ...messyGraph(), nodes: messyGraph().nodes.map(({ params: _drop, ...n }) => n) };
    const p = compileGraph(g, { modules: { linear: ones } });
    expect(p.parameters().every((q) => q.value.data.every((v) => v === 1))).toBe(true);
  });
});
