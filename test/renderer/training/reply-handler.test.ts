// The replies of a real training run (from the worker core) applied to the UI stores: the parameters
// reached go through the engine client's one run path to the run store, and the trained parameters
// land in the document as one undoable change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAnalysis } from '../../../renderer/analysis/analysis-store.ts';
import { LabelPreparer } from '../../../renderer/canvas/label-text.ts';
import { EngineClient } from '../../../renderer/engine-client/engine-client.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { useHistory } from '../../../renderer/store/history-store.ts';
import { useRun } from '../../../renderer/store/run-store.ts';
import type { WorkerReply } from '../../../renderer/training/protocol.ts';
import { ReplyHandler } from '../../../renderer/training/reply-handler.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { inProcessEngineWorker } from '../engine-client/in-process-worker.ts';
import { example, harness } from './support.ts';

let engine: EngineClient;
let handler: ReplyHandler;
let stopEngine: () => void;
const handleReply = (reply: WorkerReply): void => handler.handle(reply);

function trainInWorkerCore(settings: Record<string, unknown>) {
  const graph = useDocument.getState().graph;
  useTraining.getState().begin(graph);
  const h = harness();
  h.send({ type: 'train', graph, settings });
  h.drain();
  return h.replies;
}

describe('handleReply', () => {
  beforeEach(async () => {
    useDocument.getState().load(example('xor-mlp'));
    useTraining.getState().reset();
    engine = new EngineClient({ createWorker: inProcessEngineWorker, labels: new LabelPreparer() });
    stopEngine = engine.start();
    handler = new ReplyHandler(engine);
    await engine.idle(); // the document's own run
  });
  afterEach(() => { handler.discardPending(); stopEngine(); });

  it('holds boundary pictures with the progress until the next flush: one state change for all, in order', () => {
    const replies = trainInWorkerCore({ epochs: 50 });
    const shown = replies.filter((r) => r.type === 'progress' || r.type === 'grid');
    const changes: number[] = [];
    const unsubscribe = useTraining.subscribe((st) => changes.push(st.version));
    shown.forEach(handleReply);
    expect(changes).toEqual([]); // nothing rendered yet: all of it waits for the flush
    handler.flushProgress();
    unsubscribe();
    expect(changes).toHaveLength(1);
    const lastGrid = shown.filter((r) => r.type === 'grid').at(-1)!;
    expect(useTraining.getState().grid).toBe(lastGrid.type === 'grid' ? lastGrid.grid : null);
    expect(useTraining.getState().series.step).toHaveLength(50);
  });

  it('writes the trained parameters back as one undoable change, and undo restores the old ones', async () => {
    const before = useDocument.getState().graph;
    const runsBefore = useRun.getState().runs;
    const replies = trainInWorkerCore({ epochs: 200 });
    const finished = replies.findIndex((r) => r.type === 'finished');
    replies.slice(0, finished).forEach(handleReply);
    await engine.idle();
    expect(useRun.getState().runs).toBeGreaterThan(runsBefore); // live results went to the run store
    replies.slice(finished).forEach(handleReply);
    const after = useDocument.getState().graph;
    const fin = replies.find((r) => r.type === 'finished')!;
    if (fin.type !== 'finished') throw new Error('unreachable');
    expect(after.nodes.find((n) => n.id === 'fc1')!.params).toEqual(fin.params.fc1);
    expect(after.training).toEqual({ ...(before.training as object), epochs: 200 }); // the settings used, in the same change
    expect(useHistory.getState().past).toHaveLength(1);
    expect(useTraining.getState()).toMatchObject({ status: 'done', writeBack: 'written' });
    expect(useTraining.getState().series.step).toHaveLength(200); // every progress reached the panel
    useDocument.getState().undo();
    expect(useDocument.getState().graph).toBe(before);
  });

  it('saves the settings a run used, so the saved graph retrains to the same parameters', () => {
    const { training: _saved, ...untrained } = example('xor-mlp');
    useDocument.getState().load(untrained);
    const first = trainInWorkerCore({ optimizer: 'sgd', learningRate: 1.5, momentum: 0.5, epochs: 30, batchSize: 2, seed: 7 });
    first.forEach(handleReply);
    const saved = useDocument.getState().graph.training;
    expect(saved).toMatchObject({ optimizer: 'sgd', learningRate: 1.5, momentum: 0.5, epochs: 30, batchSize: 2, seed: 7 });
    // The untrained graph with only the saved settings, trained with no panel overrides.
    useDocument.getState().load({ ...untrained, training: saved });
    const again = trainInWorkerCore({});
    const params = (replies: typeof first) => replies.flatMap((r) => (r.type === 'finished' ? [r.params] : []));
    expect(params(again)).toEqual(params(first));
  });

  it('still writes back when nodes were only moved during training', () => {
    const replies = trainInWorkerCore({ epochs: 20 });
    useDocument.getState().dragPositions(new Map([['fc1', { x: 1, y: 2 }]]));
    useDocument.getState().dragStop();
    replies.forEach(handleReply);
    const after = useDocument.getState().graph;
    expect(useTraining.getState().writeBack).toBe('written');
    expect(after.nodes.find((n) => n.id === 'fc1')).toMatchObject({ position: { x: 1, y: 2 } });
  });

  it('does not write back when the document changed during training, nor show live results for it', async () => {
    const replies = trainInWorkerCore({ epochs: 50 });
    const edited = { ...useDocument.getState().graph, seed: 12345 };
    useDocument.getState().commit('edit config', edited);
    await engine.idle(); // the edited document's own run
    const runsBefore = useRun.getState().runs;
    replies.forEach(handleReply);
    await engine.idle();
    expect(useDocument.getState().graph).toBe(edited);
    expect(useTraining.getState().writeBack).toBe('graph-changed');
    expect(useRun.getState().runs).toBe(runsBefore);
  });

  it('keeps the document after a failed run and sends analysis replies to the analysis store', () => {
    useDocument.getState().load(example('sine-regression'));
    const before = useDocument.getState().graph;
    trainInWorkerCore({ optimizer: 'sgd', learningRate: 100, momentum: 0.99 }).forEach(handleReply);
    expect(useDocument.getState().graph).toBe(before);
    expect(useTraining.getState()).toMatchObject({ status: 'failed', writeBack: 'not-after-failure', error: { nodeId: 'loss' } });
    useAnalysis.getState().requested('hessian', 5);
    useAnalysis.getState().apply({ type: 'analysis-error', id: 5, request: 'hessian', message: 'nope' });
    expect(useAnalysis.getState().hessian.error).toBe('nope');
  });
});
