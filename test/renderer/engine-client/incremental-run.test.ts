// The worker keeps its compiled program between edits and re-runs only numbers; every number it
// reports must be the bits of a from-scratch run of the same document, through any mix of edits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile, type Graph, type RunResults, type Tensor } from '../../../engine/index.ts';
import { EngineHost } from '../../../renderer/engine-client/engine-host.ts';
import { numbersPatch } from '../../../renderer/engine-client/numbers-patch.ts';
import { unpackLabels, unpackResults, type ResultsLayout } from '../../../renderer/engine-client/packed-results.ts';
import type { EngineRequest } from '../../../renderer/engine-client/protocol.ts';
import { runDocument } from '../../../renderer/engine-client/run-document.ts';
import { addNode, deleteElements, setConfig, setTensorEntry, tryConnect, withMissingParams } from '../../../renderer/model/graph-ops.ts';

const example = (name: string): Graph => withMissingParams(parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8')));

/**
 * Sends documents as the engine client does (only the changed nodes when only numbers changed, every
 * other edge as a label on screen), then asks for every number, and reads the replies back: the labels'
 * edges from the run's reply, the rest from the full one.
 */
function session() {
  const host = new EngineHost();
  let sent: Graph | null = null, layout: ResultsLayout | null = null, id = 0;
  return (graph: Graph): { results: RunResults | null; request: 'run' | 'numbers'; recompiled: boolean } => {
    const nodes = sent && numbersPatch(sent, graph);
    sent = graph;
    const labels = graph.edges.filter((_, i) => i % 2 === 0).map((e) => e.id);
    const request: EngineRequest = nodes ? { type: 'numbers', id: ++id, nodes: structuredClone(nodes), labels } : { type: 'run', id: ++id, graph: structuredClone(graph), labels };
    const { reply } = host.answer(request);
    if (reply.type !== 'results') return { results: null, request: request.type, recompiled: true };
    if (reply.results.layout) layout = reply.results.layout;
    const full = host.answer({ type: 'full', id }).reply;
    if (full.type !== 'full' || !full.data) throw new Error('the worker no longer holds the run it just answered');
    const shown = unpackLabels(layout!, reply.results);
    expect(Object.keys(shown)).toEqual(labels.filter((e) => layout!.edges.some((x) => x.id === e)));
    return { results: unpackResults(layout!, full.data, reply.results, shown), request: request.type, recompiled: reply.results.layout !== undefined };
  };
}

const bits = (t: Tensor): number[] => Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));

/** Every value and gradient bit for bit, the loss, the order and the diagnostics. */
function expectSameBits(actual: RunResults | null, graph: Graph): void {
  const scratch = runDocument(graph);
  if (scratch.type !== 'results') return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  const a = actual!, b = scratch.results;
  expect(Object.is(a.loss, b.loss)).toBe(true);
  expect(a.order).toEqual(b.order);
  expect(a.diagnostics).toEqual(b.diagnostics);
  expect(Object.keys(a.nodes)).toEqual(Object.keys(b.nodes));
  expect(Object.keys(a.edges)).toEqual(Object.keys(b.edges));
  for (const [id, n] of Object.entries(b.nodes)) {
    const m = a.nodes[id]!;
    for (const [x, y] of [[m.output, n.output], [m.grad, n.grad]] as const) { expect(x.shape).toEqual(y.shape); expect(bits(x), id).toEqual(bits(y)); }
    expect(Object.keys(m.params)).toEqual(Object.keys(n.params));
    for (const [name, p] of Object.entries(n.params)) {
      expect(bits(m.params[name]!.value), `${id}.${name}`).toEqual(bits(p.value));
      expect(bits(m.params[name]!.grad), `∂${id}.${name}`).toEqual(bits(p.grad));
    }
  }
  for (const [id, e] of Object.entries(b.edges)) {
    expect(bits(a.edges[id]!.value), id).toEqual(bits(e.value));
    expect(bits(a.edges[id]!.grad), id).toEqual(bits(e.grad));
  }
}

describe('incremental re-runs in the engine worker', () => {
  it('equal from-scratch runs bit for bit through numbers edits and structural edits that invalidate the program', () => {
    const run = session();
    let g = example('lecture-two-layer');
    const steps: { graph: Graph; kind: 'numbers' | 'structure' }[] = [];
    const edit = (next: Graph, kind: 'numbers' | 'structure'): void => { g = next; steps.push({ graph: g, kind }); };
    edit(g, 'structure'); // the first run compiles
    edit(setTensorEntry(g, 'w2', { param: 'W' }, 0, 0.731), 'numbers'); // late in the order: earlier outputs reused
    edit(setTensorEntry(g, 'x', 'value', 0, -0.25), 'numbers'); // a data value: everything re-runs
    edit(setTensorEntry(g, 'y', 'value', 0, 0.9), 'numbers');
    edit(setConfig(g, 'w1', { bias: true }), 'structure'); // a new parameter: compile again
    edit(setTensorEntry(g, 'w1', { param: 'b' }, 0, 0.5), 'numbers');
    const cut = g.edges.find((e) => e.source === 'h1' && e.target === 'w2')!;
    edit(deleteElements(g, [], [cut.id]), 'structure'); // w2 and below are not wired now
    edit(setTensorEntry(g, 'w2', { param: 'W' }, 0, -1.5), 'numbers'); // a node outside the run
    const reconnected = tryConnect(g, { source: 'h1', target: 'w2', targetPort: 'in' });
    if (!reconnected.ok) throw new Error(reconnected.reason);
    edit(reconnected.graph, 'structure');
    edit(addNode(g, 'tanh', { x: 0, y: 0 }).graph, 'structure');
    for (const [i, v] of [[0, 2], [0, -0.125], [0, 1e-9]] as const) edit(setTensorEntry(g, 'w1', { param: 'W' }, i, v), 'numbers');
    edit(setTensorEntry(g, 'w1', { param: 'W' }, 0, Number.NaN), 'structure'); // not finite: never patched
    edit(setTensorEntry(g, 'w1', { param: 'W' }, 0, 0.3), 'structure');
    edit(setTensorEntry(g, 'w2', { param: 'W' }, 0, 0.01), 'numbers');
    for (const [i, step] of steps.entries()) {
      const out = run(step.graph);
      expect(out.request, `edit ${i}`).toBe(step.kind === 'numbers' ? 'numbers' : 'run');
      expect(out.recompiled, `edit ${i}`).toBe(step.kind === 'structure');
      expectSameBits(out.results, step.graph);
    }
  });

  it('patches the parameters of a document whose inputs are bound to a dataset (preview samples)', () => {
    const run = session();
    let g = example('two-moons-tanh');
    expectSameBits(run(g).results, g);
    for (const [id, i, v] of [['fc2', 3, 0.4], ['fc1', 0, -2], ['fc3', 5, 0.05]] as const) {
      g = setTensorEntry(g, id, { param: 'W' }, i, v);
      const out = run(g);
      expect(out.request).toBe('numbers');
      expect(out.recompiled).toBe(false);
      expectSameBits(out.results, g);
    }
  });

  it('a results view reflects its own run, not the next one (each reply has its own buffer)', () => {
    const run = session();
    let g = example('lecture-two-layer');
    const first = run(g).results!;
    const loss = first.loss, w = bits(first.nodes.w1!.params.W!.value);
    g = setTensorEntry(g, 'w1', { param: 'W' }, 0, 4);
    const second = run(g).results!;
    expect(second.loss).not.toBe(loss);
    expect(first.loss).toBe(loss);
    expect(bits(first.nodes.w1!.params.W!.value)).toEqual(w);
  });
});
