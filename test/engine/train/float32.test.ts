// The opt-in float32 training path (issue 14.2): its gradients agree with the exact path's, it trains
// the examples into the exact path's loss band, it hands back float64 parameters on which the exact
// path recomputes bit for bit, and it says why when a graph stays on the exact path.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileGraph, createTrainer, Float32Params, parseGraphFile, type Graph, type ModuleDefinition, type Program,
} from '../../../engine/index.ts';
import { mlpGraph } from '../../../bench/graphs.ts';
import { dataNode, graph, opNode } from '../support/graphs.ts';

setFlagsFromString('--experimental-wasm-relaxed-simd'); // the fused kernel, as in Chromium

const example = (name: string): Graph => parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));

/** The exact program and the same graph on the float32 path, sharing one parameter store. */
function bothPaths(g: Graph): { exact: Program; fast: Program; f32: Float32Params } {
  const exact = compileGraph(g, { dataGradients: false });
  const f32 = Float32Params.create(exact);
  if (!(f32 instanceof Float32Params)) throw new Error(f32.message);
  return { exact, fast: compileGraph(g, { dataGradients: false, params: exact.params, modules: f32.modules }), f32 };
}

const norm = (v: ArrayLike<number>): number => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!; return Math.sqrt(s); };

describe('float32 gradients', () => {
  it('agree with float64 to 1e-4 relative on random MLPs (and are not the float64 numbers)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 37 }), fc.integer({ min: 1, max: 1e6 }),
      (sizes, batch, seed) => {
        const { exact, fast, f32 } = bothPaths(mlpGraph({ sizes, batch, seed }));
        const l64 = exact.run()!, l32 = fast.run()!;
        expect(Math.abs(l32 - l64)).toBeLessThanOrEqual(1e-5 * Math.abs(l64) + 1e-9);
        const g64 = exact.parameters(), g32 = f32.gradsOf(fast);
        let differs = false;
        g64.forEach((p, i) => {
          const d = p.grad.data.map((v, k) => v - g32[i]![k]!);
          expect(norm(d), `${p.nodeId}.${p.name}`).toBeLessThanOrEqual(1e-4 * norm(p.grad.data) + 1e-12);
          differs ||= d.some((x) => x !== 0);
        });
        expect(differs).toBe(true);
      },
    ), { numRuns: 40 });
  });
});

describe('float32 training', () => {
  const train = (name: string, precision: 'float64' | 'float32') => {
    const t = createTrainer(example(name), { precision });
    while (!t.finished) t.runFor(1e9);
    return t;
  };

  it.each(['xor-mlp', 'two-moons-tanh'])('trains %s into the exact path\'s loss band', (name) => {
    const exact = train(name, 'float64'), fast = train(name, 'float32');
    expect(fast.precision).toBe('float32');
    expect(fast.float32Refusal).toBeNull();
    expect(fast.progress().precision).toBe('float32');
    expect(exact.progress().precision).toBeUndefined();
    const e = exact.progress().metrics!, f = fast.progress().metrics!;
    expect(f.trainLoss).toBeLessThanOrEqual(1.1 * e.trainLoss + 1e-4);
    if (e.testLoss !== null) expect(f.testLoss).toBeLessThanOrEqual(1.1 * e.testLoss + 1e-4);
    if (e.trainAccuracy !== null) expect(f.trainAccuracy).toBeGreaterThanOrEqual(e.trainAccuracy - 0.02);
  });

  it('after a pause the store holds float64 parameters on which a forward is the exact path\'s, bit for bit', () => {
    const g = example('two-moons-tanh');
    const t = createTrainer(g, { precision: 'float32', untilStopped: true });
    const initial = t.parameters();
    t.runFor(200);
    t.pause();
    const stored = t.parameters();
    for (const p of compileGraph(g, { params: t.params }).parameters()) {
      expect(p.value.data).toBeInstanceOf(Float64Array);
      expect(p.value.data.every((v) => Math.fround(v) === v)).toBe(true); // the float32 values, widened
      expect(Array.from(p.value.data)).not.toEqual(initial[p.nodeId]![p.name]!.data); // and trained
      expect(Array.from(p.value.data)).toEqual(stored[p.nodeId]![p.name]!.data);
    }
    const onStore = compileGraph(g, { params: t.params }), fresh = compileGraph(t.trainedGraph());
    onStore.forward();
    fresh.forward();
    for (const n of fresh.nodes) {
      const mine = onStore.node(n.id).frame.out.data;
      expect(n.frame.out.data.every((v, i) => Object.is(v, mine[i])), n.id).toBe(true);
    }
  });
});

describe('graphs the float32 path does not train', () => {
  it('train in float64 and say why: a shared module sums gradients over its uses', () => {
    const neuron: ModuleDefinition = {
      inputs: { x: { node: 'fc', port: 'in' } }, outputs: { y: { node: 'fc', port: 'out' } }, shared: true,
      nodes: [{ id: 'fc', kind: 'linear', config: { in: 2, out: 1 } }], edges: [],
    };
    const link = (source: string, target: string, port: string, sourcePort = 'out') => ({ id: `${source}-${target}`, source, sourcePort, target, targetPort: port });
    const g = graph(
      [dataNode('x', 'input', 2, 2, [1, 2, 3, 4]), { id: 'n1', kind: 'module', config: { module: 'neuron' } }, { id: 'n2', kind: 'module', config: { module: 'neuron' } },
        opNode('sum', 'add'), dataNode('t', 'target', 2, 1, [0, 1]), opNode('loss', 'mse')],
      [link('x', 'n1', 'x'), link('x', 'n2', 'x'), link('n1', 'sum', 'a', 'y'), link('n2', 'sum', 'b', 'y'), link('sum', 'loss', 'pred'), link('t', 'loss', 'target')],
      { modules: { neuron } },
    );
    const t = createTrainer(g, { precision: 'float32' });
    expect(t.precision).toBe('float64');
    expect(t.float32Refusal).toMatchObject({ code: 'shared-parameter', nodeId: 'n2/fc', kind: 'linear', param: 'W' });
    expect(t.float32Refusal!.message).toContain('"n2/fc"');
    expect(t.step()).not.toBeNull();
  });
});
