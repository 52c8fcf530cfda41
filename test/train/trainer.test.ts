// The trainer's contract with a worker: reproducible from its seed, interruptible between steps with
// consistent parameters, and loud (naming the node) when numbers stop being finite.
import { describe, expect, it, vi } from 'vitest';
import { compileGraph, type Graph } from '../../engine/index.ts';
import { createTrainer, withParameters } from '../../engine/index.ts';
import { edge, loadExample, tinyXor } from './support.ts';

const flat = (params: Record<string, Record<string, { data: number[] }>>): number[] =>
  Object.values(params).flatMap((p) => Object.values(p).flatMap((t) => t.data));

describe('reproducibility', () => {
  it('gives bit-for-bit the same parameters and metrics from the same seed, however it is chunked', () => {
    const graph = loadExample('two-moons-tanh.bpgraph');
    const settings = { epochs: 5 };
    const a = createTrainer(graph, { settings });
    a.runFor(Infinity);
    const b = createTrainer(graph, { settings });
    while (!b.finished) b.step(); // one step at a time instead of one long chunk
    expect(flat(b.parameters())).toEqual(flat(a.parameters()));
    expect(b.progress().metrics).toEqual(a.progress().metrics);
  });

  it('shuffles differently with another seed', () => {
    const graph = loadExample('two-moons-tanh.bpgraph');
    const a = createTrainer(graph, { settings: { epochs: 2, seed: 1 } });
    const b = createTrainer(graph, { settings: { epochs: 2, seed: 2 } });
    a.runFor(Infinity);
    b.runFor(Infinity);
    expect(flat(b.parameters())).not.toEqual(flat(a.parameters()));
  });
});

describe('mini-batches', () => {
  it('covers every training sample once per epoch, the last batch being partial', () => {
    // 8 samples, 25 % test → 6 for training; batches of 4 → 4 + 2.
    const t = createTrainer(tinyXor(), { settings: { batchSize: 4, epochs: 2 } });
    expect(t.feed.trainSize).toBe(6);
    expect(t.stepsPerEpoch).toBe(2);
    const chunk = t.runFor(Infinity);
    expect(chunk.steps.map((s) => s.epoch)).toEqual([0, 0, 1, 1]);
    expect(chunk.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(chunk.progress.step).toBe(4);
  });

  it('reports a gradient norm per layer for every step', () => {
    const t = createTrainer(loadExample('xor-mlp.bpgraph'), { settings: { epochs: 3 } });
    expect(t.layers).toEqual(['fc1', 'fc2']);
    const { steps } = t.runFor(Infinity);
    expect(steps).toHaveLength(3);
    for (const s of steps) {
      expect(s.gradNorms).toHaveLength(2);
      s.gradNorms.forEach((n) => expect(n).toBeGreaterThan(0));
    }
  });
});

describe('the clock', () => {
  it('is no platform timer: without `performance` the trainer times itself with Date.now', () => {
    vi.stubGlobal('performance', undefined);
    try {
      expect(createTrainer(tinyXor(), { settings: { epochs: 2 } }).runFor(Infinity).progress.state).toBe('done');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an injected clock decides where runFor ends a chunk', () => {
    let clock = 0;
    const t = createTrainer(tinyXor(), { settings: { epochs: 50 }, now: () => (clock += 1) });
    // runFor reads the clock once to start and once after each step, each step twice: 3 ms a step.
    expect(t.runFor(30).steps).toHaveLength(10);
  });
});

describe('optimisers', () => {
  it('plain SGD on the fixed lecture values takes exactly the step θ − η·dL/dθ (computed here from one run)', () => {
    const graph = loadExample('lecture-two-layer.bpgraph');
    const reference = compileGraph(graph);
    reference.run();
    const t = createTrainer(graph, { settings: { optimizer: 'sgd', learningRate: 0.5, momentum: 0, epochs: 1 } });
    t.step();
    const expected = reference.parameters().flatMap((p) => Array.from(p.value.data, (w, k) => w - 0.5 * p.grad.data[k]!));
    expect(flat(t.parameters())).toEqual(expected);
  });

  it('Adam moves every weight by about the learning rate against its gradient on the first step', () => {
    // m̂ = g and v̂ = g² after one step, so the update is −η·g/(|g| + ε).
    const graph = loadExample('lecture-two-layer.bpgraph');
    const reference = compileGraph(graph);
    reference.run();
    const before = reference.parameters().map((p) => ({ w: p.value.data[0]!, g: p.grad.data[0]! }));
    const t = createTrainer(graph, { settings: { optimizer: 'adam', learningRate: 0.01, epochs: 1 } });
    t.step();
    flat(t.parameters()).forEach((w, i) => {
      const { w: w0, g } = before[i]!;
      expect(w).toBeCloseTo(w0 - (0.01 * g) / (Math.abs(g) + 1e-8), 12);
    });
  });
});

describe('pause, resume and stop', () => {
  it('does nothing while paused and continues after resume', () => {
    const t = createTrainer(tinyXor(), { settings: { epochs: 3 } });
    t.pause();
    const paused = t.runFor(50);
    expect(paused.steps).toHaveLength(0);
    expect(paused.progress.state).toBe('paused');
    t.resume();
    expect(t.runFor(Infinity).progress.state).toBe('done');
  });

  it('stopped mid-epoch, leaves the parameters of the last completed step, ready to compile and run', () => {
    const graph = loadExample('two-moons-tanh.bpgraph');
    const t = createTrainer(graph);
    for (let i = 0; i < 7; i++) t.step(); // 15 steps make an epoch
    const stopped = t.stop();
    expect(stopped.state).toBe('stopped');
    expect(stopped.step).toBe(7);
    expect(stopped.epoch).toBe(0);
    expect(t.step()).toBeNull();
    const replay = createTrainer(graph);
    for (let i = 0; i < 7; i++) replay.step();
    expect(flat(t.parameters())).toEqual(flat(replay.parameters()));
    const trained = t.trainedGraph();
    expect(flat(t.parameters()).every(Number.isFinite)).toBe(true);
    expect(trained.datasets).toEqual(graph.datasets);
    expect(trained.nodes.find((n) => n.id === 'x')).toEqual(graph.nodes.find((n) => n.id === 'x'));
    expect(stopped.metrics!.testAccuracy).not.toBeNull();
    // The written-back graph keeps training from exactly those parameters.
    const again = createTrainer(trained);
    expect(flat(again.parameters())).toEqual(flat(t.parameters()));
  });

  it('withParameters changes only the named nodes', () => {
    const graph = loadExample('xor-mlp.bpgraph');
    const params = { fc2: { W: { shape: [1, 4], data: [1, 2, 3, 4] } } };
    const out = withParameters(graph, params);
    expect(out.nodes.find((n) => n.id === 'fc2')!.params!.W).toEqual(params.fc2.W);
    expect(out.nodes.find((n) => n.id === 'fc1')).toBe(graph.nodes.find((n) => n.id === 'fc1'));
    expect(graph.nodes.find((n) => n.id === 'fc2')!.params).toBeUndefined();
  });
});

describe('non-finite numbers', () => {
  /** x → fc (huge stored weight) → sq = fc ⊙ fc overflows to Infinity → mse. */
  function overflowing(): Graph {
    const g = tinyXor();
    return {
      ...g,
      nodes: [
        g.nodes[0]!,
        { id: 'fc', kind: 'linear', config: { in: 2, out: 1 }, params: { W: { shape: [1, 2], data: [1e200, 1e200] }, b: { shape: [1], data: [1e200] } } },
        { id: 'sq', kind: 'multiply' },
        g.nodes[3]!,
        { id: 'loss', kind: 'mse', config: { reduction: 'mean' } },
      ],
      edges: [edge('x', 'fc', 'in'), edge('fc', 'sq', 'a'), edge('fc', 'sq', 'b'), edge('sq', 'loss', 'pred'), edge('y', 'loss', 'target')],
    };
  }

  it('stops on a non-finite loss, names the node where it first appeared, and keeps the last good parameters', () => {
    const t = createTrainer(overflowing());
    const { progress } = t.runFor(Infinity);
    expect(progress.state).toBe('failed');
    expect(progress.failure).toMatchObject({ phase: 'forward', nodeId: 'sq', kind: 'multiply', step: 1 });
    expect(progress.failure!.message).toContain('"sq"');
    expect(flat(t.parameters())).toEqual([1e200, 1e200, 1e200]);
  });

  it('names the node whose backward step first produced a non-finite gradient, though the loss was finite', () => {
    // Forward: 1e-300 · 1e200 · 1e200 · x stays finite; backward: g · 1e200 · 1e200 overflows inside "b".
    const g = tinyXor();
    const scalar = (id: string, inF: number, w: number) => ({ id, kind: 'linear', config: { in: inF, out: 1, bias: false }, params: { W: { shape: [1, inF], data: new Array(inF).fill(w) } } });
    const graph = {
      ...g,
      nodes: [g.nodes[0]!, scalar('a', 2, 1e-300), scalar('b', 1, 1e200), scalar('c', 1, 1e200), g.nodes[3]!, g.nodes[4]!],
      edges: [edge('x', 'a', 'in'), edge('a', 'b', 'in'), edge('b', 'c', 'in'), edge('c', 'loss', 'pred'), edge('y', 'loss', 'target')],
    };
    const t = createTrainer(graph, { settings: { optimizer: 'sgd', learningRate: 1e-3 } });
    const { progress } = t.runFor(Infinity);
    expect(progress.failure).toMatchObject({ phase: 'backward', nodeId: 'b', kind: 'linear' });
  });

  it('a diverging learning rate fails with finite parameters left behind', () => {
    const t = createTrainer(loadExample('sine-regression.bpgraph'), { settings: { optimizer: 'sgd', learningRate: 99, momentum: 0.99 } });
    const { progress } = t.runFor(Infinity);
    expect(progress.state).toBe('failed');
    expect(progress.failure!.nodeId).toMatch(/^(fc\d|h\d|loss)$/);
    expect(flat(t.parameters()).every(Number.isFinite)).toBe(true);
  });
});
