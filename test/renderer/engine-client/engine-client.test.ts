// The engine client is the one producer of run results: the document, and the parameters a training
// run has reached, both go through the run path (EngineHost) to the run store, once each.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileGraph, createTrainer, withDatasetPreview, withParameters, type ParamJson } from '../../../engine/index.ts';
import { LabelPreparer } from '../../../renderer/canvas/label-text.ts';
import { EngineClient, type EngineWorkerLike } from '../../../renderer/engine-client/engine-client.ts';
import { EngineHost } from '../../../renderer/engine-client/engine-host.ts';
import type { EngineReply, EngineRequest } from '../../../renderer/engine-client/protocol.ts';
import { setConfig, setTensorEntry } from '../../../renderer/model/graph-ops.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { edgeLabelResult, useRun } from '../../../renderer/store/run-store.ts';
import { ReplyHandler } from '../../../renderer/training/reply-handler.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { example, harness } from '../training/support.ts';
import { inProcessEngineWorker } from './in-process-worker.ts';

let worker: ReturnType<typeof inProcessEngineWorker>;
let engine: EngineClient;
let stop: () => void;

beforeEach(async () => {
  useDocument.getState().load(example('xor-mlp'));
  useTraining.getState().reset();
  engine = new EngineClient({ createWorker: () => (worker = inProcessEngineWorker()), labels: new LabelPreparer() });
  stop = engine.start();
  await engine.idle();
});
afterEach(() => stop());

/** The replies of a real training run of the document, split before its end. */
function trainingReplies(epochs: number) {
  const graph = useDocument.getState().graph;
  useTraining.getState().begin(graph);
  const h = harness();
  h.send({ type: 'train', graph, settings: { epochs } });
  h.drain();
  const end = h.replies.findIndex((r) => r.type === 'finished');
  return { during: h.replies.slice(0, end), end: h.replies.slice(end), live: h.of('live') };
}

/** The engine's own run of a graph (dataset-bound inputs show their first samples). */
const oracle = (graph: Parameters<typeof withDatasetPreview>[0]) => {
  const p = compileGraph(withDatasetPreview(graph, 4));
  p.run();
  return p.results();
};

describe('EngineClient', () => {
  it('runs the document on start and publishes what the engine computes', () => {
    expect(useRun.getState().status).toBe('ok');
    expect(useRun.getState().results!.loss).toBe(oracle(useDocument.getState().graph).loss);
  });

  it('sends only the changed node when an edit changed numbers, and publishes what a fresh run computes', async () => {
    const doc = useDocument.getState();
    doc.commit('edit parameter', setTensorEntry(doc.graph, 'fc1', { param: 'W' }, 0, 0.375));
    await engine.idle();
    doc.commit('edit config', setConfig(useDocument.getState().graph, 'fc1', { init: 'he' }));
    await engine.idle();
    expect(worker.sent).toEqual(['run', 'numbers', 'run']);
    const fresh = oracle(useDocument.getState().graph);
    expect(useRun.getState().results!.loss).toBe(fresh.loss);
    expect(Array.from(useRun.getState().results!.nodes.fc1!.params.W!.grad.data)).toEqual(Array.from(fresh.nodes.fc1!.params.W!.grad.data));
  });

  it('shows a training run through the run path, and does not run the written-back document again', async () => {
    const handler = new ReplyHandler(engine);
    const before = useDocument.getState().graph;
    const { during, end, live } = trainingReplies(60);
    during.forEach((r) => handler.handle(r));
    await engine.idle();
    const last = live.at(-1)!.params;
    // The canvas shows the document with the parameters reached, as the engine computes it; the document is untouched.
    expect(useRun.getState().results!.loss).toBe(oracle(withParameters(before, last)).loss);
    expect(Array.from(useRun.getState().results!.nodes.fc1!.params.W!.value.data)).toEqual(last.fc1!.W!.data);
    expect(useDocument.getState().graph).toBe(before);
    const requests = worker.requests, shown = useRun.getState().results;
    end.forEach((r) => handler.handle(r));
    await engine.idle();
    expect(useTraining.getState().writeBack).toBe('written');
    expect(worker.requests).toBe(requests); // the written-back document computes what is shown
    expect(useRun.getState().results).toBe(shown);
  });

  it('goes back to the document when it is edited during training', async () => {
    const handler = new ReplyHandler(engine);
    const { during, live } = trainingReplies(40);
    during.forEach((r) => handler.handle(r));
    await engine.idle();
    useDocument.getState().commit('edit config', setConfig(useDocument.getState().graph, 'fc1', { init: 'he' }));
    await engine.idle();
    const W = Array.from(useRun.getState().results!.nodes.fc1!.params.W!.value.data);
    expect(W).toEqual(useDocument.getState().graph.nodes.find((n) => n.id === 'fc1')!.params!.W!.data);
    expect(W).not.toEqual(live.at(-1)!.params.fc1!.W!.data);
  });
});

/**
 * A worker that answers runs only when told, as a worker on a loaded machine answers late. A request
 * for a run's every number is answered on the next task: the client asks for it as the run's reply
 * arrives, before any later request, so an in-order worker would answer it first too.
 */
function manualWorker() {
  const pending: EngineRequest[] = [];
  const host = new EngineHost();
  const w = {
    onmessage: null as ((e: { data: EngineReply }) => void) | null,
    onerror: null, requests: 0,
    postMessage(request: EngineRequest) {
      if (request.type === 'full') { setTimeout(() => w.onmessage?.({ data: host.answer(request).reply }), 0); return; }
      w.requests++;
      pending.push(structuredClone(request));
    },
    terminate() {},
    /** Answers the oldest request. */
    answer() { w.onmessage?.({ data: host.answer(pending.shift()!).reply }); },
  };
  return w;
}

/** Replaces the started client by one on a manual worker, and lets it answer the start-up run. */
async function startOnSlowWorker(): Promise<ReturnType<typeof manualWorker>> {
  stop();
  const slow = manualWorker();
  engine = new EngineClient({ createWorker: () => slow as unknown as ReturnType<typeof inProcessEngineWorker>, labels: new LabelPreparer() });
  stop = engine.start();
  slow.answer();
  await engine.idle();
  return slow;
}

describe('EngineClient on a slow worker', () => {
  it('a training run whose parameters outpace the worker still shows each reply it gets (the labels never freeze)', async () => {
    const slow = await startOnSlowWorker();
    const base = useDocument.getState().graph;
    // Four points of one training run: after 1, 2, 3 and 4 steps.
    const trainer = createTrainer(base, { settings: { epochs: 30 } });
    const [a, b, c, d] = [1, 2, 3, 4].map(() => { trainer.step(); return trainer.parameters(); }) as [ParamJson, ParamJson, ParamJson, ParamJson];
    engine.showTrainedParameters(base, a); // sent at once
    engine.showTrainedParameters(base, b); // coalesced: the worker is still on a
    slow.answer(); // a's reply arrives when b is already wanted: shown, and b sent
    engine.showTrainedParameters(base, c);
    await new Promise((r) => setTimeout(r, 0));
    await vi.waitFor(() => expect(useRun.getState().results!.loss).toBe(oracle(withParameters(base, a)).loss));
    slow.answer(); // b's reply, superseded by c: shown as well
    await vi.waitFor(() => expect(useRun.getState().results!.loss).toBe(oracle(withParameters(base, b)).loss));
    slow.answer(); // c's reply; d arrives while its labels are being prepared: c is still shown
    engine.showTrainedParameters(base, d);
    await vi.waitFor(() => expect(useRun.getState().results!.loss).toBe(oracle(withParameters(base, c)).loss));
    slow.answer();
    await engine.idle();
    expect(useRun.getState().results!.loss).toBe(oracle(withParameters(base, d)).loss);
  });

  it('a reply for a document that was edited meanwhile is still dropped', async () => {
    const slow = await startOnSlowWorker();
    const shown = useRun.getState().results;
    useDocument.getState().commit('edit config', setConfig(useDocument.getState().graph, 'fc1', { init: 'he' }));
    useDocument.getState().commit('edit config', setConfig(useDocument.getState().graph, 'fc1', { init: 'xavier' }));
    slow.answer(); // the first edit's reply: superseded, dropped
    await new Promise((r) => setTimeout(r, 0));
    expect(useRun.getState().results).toBe(shown);
    expect(useRun.getState().status).toBe('running');
    slow.answer();
    await engine.idle();
    expect(useRun.getState().status).toBe('ok');
    expect(useRun.getState().results!.loss).toBe(oracle(useDocument.getState().graph).loss);
  });
});

describe('EngineClient: labels first, every number after', () => {
  /** An in-process worker that answers runs on the next task and holds each request for every number until released. */
  function holdingWorker() {
    const host = new EngineHost();
    const requests: EngineRequest[] = [], full: (() => void)[] = [];
    const w: EngineWorkerLike = {
      onmessage: null, onerror: null, terminate() {},
      postMessage(request) {
        const copy = structuredClone(request);
        requests.push(copy);
        const answer = (): void => w.onmessage?.({ data: host.answer(copy).reply });
        if (copy.type === 'full') full.push(answer);
        else setTimeout(answer, 0);
      },
    };
    return { w, requests, full };
  }

  it("an edit's reply carries only the labels on screen: they show at once (status running, the earlier results kept), then every number of the same run", async () => {
    stop();
    const { w, requests, full } = holdingWorker();
    const labels = new LabelPreparer();
    engine = new EngineClient({ createWorker: () => w, labels });
    stop = engine.start();
    await vi.waitFor(() => expect(full).toHaveLength(1));
    full.shift()!();
    await engine.idle();
    const [shown, hidden] = useDocument.getState().graph.edges.map((e) => e.id) as [string, string];
    const unmount = labels.mount(shown);
    try {
      const before = useRun.getState().results;
      const doc = useDocument.getState();
      doc.commit('edit parameter', setTensorEntry(doc.graph, 'fc1', { param: 'W' }, 0, 0.375));
      await vi.waitFor(() => expect(useRun.getState().labels).not.toBeNull());
      const fresh = oracle(useDocument.getState().graph);
      expect(requests.at(-2)).toMatchObject({ type: 'numbers', labels: [shown] });
      expect(requests.at(-1)).toMatchObject({ type: 'full', id: requests.at(-2)!.id });
      const early = useRun.getState();
      expect(Object.keys(early.labels!)).toEqual([shown]);
      expect(early.status).toBe('running');
      expect(early.results).toBe(before);
      expect(edgeLabelResult(early, shown)).toBe(early.labels![shown]);
      expect(edgeLabelResult(early, hidden)).toBeUndefined(); // pending, not the earlier run's number
      expect(Array.from(early.labels![shown]!.grad.data)).toEqual(Array.from(fresh.edges[shown]!.grad.data));
      full.shift()!();
      await engine.idle();
      const done = useRun.getState();
      expect(done.status).toBe('ok');
      expect(done.labels).toBeNull();
      expect(done.results!.edges[shown]).toBe(early.labels![shown]); // the label does not redraw
      expect(done.results!.loss).toBe(fresh.loss);
      for (const [id, n] of Object.entries(fresh.nodes)) expect(Array.from(done.results!.nodes[id]!.grad.data), id).toEqual(Array.from(n.grad.data));
      expect(Array.from(edgeLabelResult(done, hidden)!.value.data)).toEqual(Array.from(fresh.edges[hidden]!.value.data));
    } finally {
      unmount();
    }
  });

  it('the worker answers a request for every number only while it still holds that run', () => {
    const host = new EngineHost();
    const graph = useDocument.getState().graph;
    const first = host.answer({ type: 'run', id: 1, graph, labels: [] }).reply;
    expect(first.type === 'results' && first.results.data.length).toBe(0);
    host.answer({ type: 'run', id: 2, graph: setTensorEntry(graph, 'fc1', { param: 'W' }, 0, 0.5), labels: [] });
    expect(host.answer({ type: 'full', id: 1 }).reply).toEqual({ type: 'full', id: 1, data: null });
    const full = host.answer({ type: 'full', id: 2 }).reply;
    expect(full.type === 'full' && full.data?.length).toBe(first.type === 'results' && first.results.layout!.size);
  });
});
