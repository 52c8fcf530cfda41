// The worker's message handling without a worker: the training loop yields after every chunk, so
// pause and stop land between chunks; analysis calls (through comlink, as the worker answers them)
// are answered with the engine's numbers.
import { describe, expect, it } from 'vitest';
import { compileGraph, createTrainer, withDatasetPreview, withParameters } from '../../../engine/index.ts';
import { useAnalysis } from '../../../renderer/analysis/analysis-store.ts';
import { analysisChannel, analysisClient, example, harness } from './support.ts';

describe('training in the worker core', () => {
  it('trains XOR to the end: started, progress, grids, then finished with parameters that fit XOR', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('xor-mlp'), settings: { epochs: 400 } });
    expect(h.replies[0]!.type).toBe('started');
    h.drain();
    const fin = h.of('finished');
    expect(fin).toHaveLength(1);
    expect(fin[0]!.progress.state).toBe('done');
    expect(fin[0]!.progress.epoch).toBe(400);
    const steps = h.of('progress').flatMap((p) => Array.from(p.steps.step));
    expect(steps).toEqual(Array.from({ length: 400 }, (_, i) => i + 1)); // every step record, once, in order
    // The returned parameters, put back into the graph, classify the four XOR points.
    const trained = withDatasetPreview(withParameters(example('xor-mlp'), fin[0]!.params), 4);
    const program = compileGraph(trained);
    program.forward();
    const p = program.node('p').frame.out.data, y = program.node('y').frame.out.data;
    p.forEach((v, i) => expect(v > 0.5).toBe(y[i]! > 0.5));
    const started = h.replies[0]!;
    if (started.type !== 'started') throw new Error('unreachable');
    expect(started.layers).toEqual(['fc1', 'fc2']);
    expect(started.boundary?.kind).toBe('classification');
    expect(h.of('grid').at(-1)!.grid.values).toHaveLength(60 * 60 * 2);
  });

  it('pause stops the loop until resume; stop ends it with state "stopped"', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('two-moons-tanh'), settings: { epochs: 1000 } });
    h.drain(2);
    h.send({ type: 'pause' });
    h.drain();
    expect(h.queue).toHaveLength(0);
    const paused = h.of('progress').at(-1)!.progress;
    expect(paused.state).toBe('paused');
    h.send({ type: 'resume' });
    h.drain(2);
    expect(h.of('progress').at(-1)!.progress.step).toBeGreaterThan(paused.step);
    h.send({ type: 'stop' });
    h.drain();
    const fin = h.of('finished');
    expect(fin).toHaveLength(1);
    expect(fin[0]!.progress.state).toBe('stopped');
    expect(fin[0]!.progress.epoch).toBeLessThan(1000);
  });

  it('draws the boundary on its time budget while running, and at pause of the paused step with its exact metrics', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('two-moons-tanh'), settings: {}, untilStopped: true });
    h.drain(12);
    expect(h.of('grid').length).toBeLessThan(h.of('progress').length); // not after every chunk
    h.send({ type: 'pause' });
    const paused = h.of('progress').at(-1)!.progress;
    expect(h.of('grid').at(-1)!.grid.step).toBe(paused.step);
    const check = createTrainer(example('two-moons-tanh'), { untilStopped: true });
    while (check.progress().step < paused.step) check.step();
    expect(paused.metrics).toEqual(check.evaluate());
    h.send({ type: 'stop' });
  });

  it('names the node where a diverging run first became non-finite', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('sine-regression'), settings: { optimizer: 'sgd', learningRate: 100, momentum: 0.99 } });
    h.drain();
    const fin = h.of('finished')[0]!;
    expect(fin.progress.state).toBe('failed');
    expect(fin.progress.failure!.nodeId).toBe('loss');
    expect(fin.progress.failure!.message).toMatch(/non-finite/);
  });

  it('reports a setup error with the node it concerns instead of starting', () => {
    const g = example('xor-mlp');
    const broken = { ...g, nodes: g.nodes.map((n) => (n.id === 'y' ? { ...n, binding: undefined } : n)) };
    const h = harness();
    h.send({ type: 'train', graph: broken, settings: {} });
    const err = h.of('train-error');
    expect(err).toHaveLength(1);
    expect(err[0]!.nodeId).toBe('y');
    expect(h.of('started')).toHaveLength(0);
  });

  it('sends the current parameters for the live labels (the engine client runs them)', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('xor-mlp'), settings: { epochs: 50 } });
    h.drain();
    const live = h.of('live').at(-1)!;
    const fin = h.of('finished')[0]!;
    expect(Array.from(live.params.fc1!.W!.data)).toEqual(fin.params.fc1!.W!.data);
  });
});

describe('analysis requests', () => {
  it('Jacobian: upstream · J equals the gradient on every incoming edge, for every node and sample', async () => {
    const graph = withDatasetPreview(example('xor-mlp'), 4);
    const { api, close } = analysisChannel();
    const reports = [];
    for (const node of graph.nodes) for (let sample = 0; sample < 4; sample++) reports.push(await api.jacobian(graph, node.id, sample));
    close();
    expect(reports).toHaveLength(graph.nodes.length * 4);
    const program = compileGraph(graph);
    program.run();
    for (const r of reports) {
      for (const inp of r.inputs) {
        // The edge gradient from an independent run of the engine, row `sample`.
        const e = program.edges.find((x) => x.id === inp.edgeId)!;
        const w = e.grad.shape[1]!;
        expect(inp.edgeGrad).toEqual(Array.from(e.grad.data.slice(r.sample * w, (r.sample + 1) * w)));
        expect(inp.maxDiff).toBeLessThan(1e-12);
      }
    }
    expect(reports.find((r) => r.nodeId === 'fc1')!.params.map((p) => [p.name, p.jacobian.rows, p.jacobian.cols])).toEqual([['W', 4, 8], ['b', 4, 4]]);
  });

  it('Hessian of the lecture example is symmetric and its eigenvalues have its trace and determinant', async () => {
    const client = analysisClient();
    await client.training.hessian(example('lecture-two-layer'), [{ nodeId: 'w1', name: 'W' }, { nodeId: 'w2', name: 'W' }]);
    client.stop();
    const slot = useAnalysis.getState().hessian;
    const r = { report: slot.report! };
    expect(slot.pending).toBe(false);
    const [a, b, c, d] = Array.from(r.report.matrix.data);
    expect(r.report.asymmetry).toBe(Math.abs(b! - c!));
    const [l1, l2] = r.report.eigenvalues;
    expect(l1! + l2!).toBeCloseTo(a! + d!, 14);
    expect(l1! * l2!).toBeCloseTo(a! * d! - b! * c!, 14);
  });

  it('answers a bad request with an analysis error naming the request', async () => {
    const client = analysisClient();
    await client.training.hessian(example('lecture-two-layer'), [{ nodeId: 'w1', name: 'nope' }]);
    await client.training.jacobian(example('lecture-two-layer'), 'w1', 5);
    client.stop();
    const s = useAnalysis.getState();
    expect([s.hessian, s.jacobian].map((slot) => [slot.pending, slot.report, typeof slot.error])).toEqual([[false, null, 'string'], [false, null, 'string']]);
    expect(client.errors.map((e) => [e.id, e.request])).toEqual([[s.hessian.id, 'hessian'], [s.jacobian.id, 'jacobian']]);
  });

  it('gradient check passes on an example and reports every node with parameters', async () => {
    const { api, close } = analysisChannel();
    const r = await api.gradcheck(withDatasetPreview(example('two-moons-tanh'), 4));
    close();
    expect(r.passed).toBe(true);
    expect(r.nodes.map((n) => n.nodeId)).toEqual(expect.arrayContaining(['fc1', 'fc2', 'fc3', 'h1', 'h2']));
  });
});
