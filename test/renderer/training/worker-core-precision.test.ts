// The float32 path through the worker (issue 14.2): the worker trains with the precision the panel
// chose, its progress says float32, a pause hands the canvas float64 parameters, and a graph the fast
// path cannot train is reported and trains in float64.
import { describe, expect, it } from 'vitest';
import type { Graph, ModuleDefinition } from '../../../engine/index.ts';
import { example, harness } from './support.ts';

/** One shared linear module used twice: its gradient is a float64 sum, so the float32 path refuses it. */
function sharedModuleGraph(): Graph {
  const neuron: ModuleDefinition = {
    inputs: { x: { node: 'fc', port: 'in' } }, outputs: { y: { node: 'fc', port: 'out' } }, shared: true,
    nodes: [{ id: 'fc', kind: 'linear', config: { in: 2, out: 1 } }], edges: [],
  };
  const link = (source: string, target: string, port: string, sourcePort = 'out') => ({ id: `${source}-${target}`, source, sourcePort, target, targetPort: port });
  const data = (id: string, kind: 'input' | 'target', size: number, rows: number, values: number[]) =>
    ({ id, kind, config: { size }, value: { shape: [rows, size], data: values } });
  return {
    name: 'shared', modules: { neuron },
    nodes: [data('x', 'input', 2, 2, [1, 2, 3, 4]), { id: 'n1', kind: 'module', config: { module: 'neuron' } }, { id: 'n2', kind: 'module', config: { module: 'neuron' } },
      { id: 'sum', kind: 'add' }, data('t', 'target', 1, 2, [0, 1]), { id: 'loss', kind: 'mse' }],
    edges: [link('x', 'n1', 'x'), link('x', 'n2', 'x'), link('n1', 'sum', 'a', 'y'), link('n2', 'sum', 'b', 'y'), link('sum', 'loss', 'pred'), link('t', 'loss', 'target')],
  } as Graph;
}

describe('the worker core on the float32 path', () => {
  it('trains with the precision asked for: progress says float32, and a pause posts the parameters for the canvas', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('digits-mlp'), settings: { epochs: 50, batchSize: 256 }, precision: 'float32' });
    const started = h.of('started')[0]!;
    expect(started.float32Refusal).toBeUndefined();
    expect(started.progress.precision).toBe('float32');
    h.drain(2);
    expect(h.of('progress').at(-1)!.progress.precision).toBe('float32');
    const lives = h.of('live').length;
    h.send({ type: 'pause' });
    expect(h.of('progress').at(-1)!.progress.state).toBe('paused');
    expect(h.of('live')).toHaveLength(lives + 1);
    // Widened float32 values: whole Float64 numbers that a float32 holds exactly.
    const w = h.of('live').at(-1)!.params.fc1!.W!.data;
    expect(w.every((v) => Math.fround(v) === v)).toBe(true);
  });

  it('without a precision trains in float64, as before', () => {
    const h = harness();
    h.send({ type: 'train', graph: example('digits-mlp'), settings: { epochs: 1 } });
    expect(h.of('started')[0]!.progress.precision).toBeUndefined();
  });

  it('reports a refusal with its message and trains in float64', () => {
    const h = harness();
    h.send({ type: 'train', graph: sharedModuleGraph(), settings: { epochs: 3 }, precision: 'float32' });
    const started = h.of('started')[0]!;
    expect(started.float32Refusal).toMatchObject({ code: 'shared-parameter', nodeId: 'n2/fc', param: 'W' });
    expect(started.float32Refusal!.message).toContain('training in float64');
    expect(started.progress.precision).toBeUndefined();
    h.drain();
    expect(h.of('finished')[0]!.progress.state).toBe('done');
  });
});
