// Step batch: the worker trains exactly one mini-batch and stays paused; a second click steps the same
// run on; Resume trains on from there. The UI shows that batch with the parameters before the step.
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../engine/index.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { ReplyHandler } from '../../../renderer/training/reply-handler.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { example, harness } from './support.ts';

describe('step-batch in the worker', () => {
  it('one mini-batch, paused; again steps the same run; its details equal an engine trainer\'s own steps', () => {
    const h = harness();
    const graph = example('two-moons-tanh');
    h.send({ type: 'step-batch', graph, settings: { batchSize: 8 } });
    expect(h.drain()).toBe(0); // nothing scheduled: no training loop runs
    h.send({ type: 'step-batch' });
    const batches = h.of('batch');
    expect(batches.map((b) => b.step.record.step)).toEqual([1, 2]);
    expect(h.of('progress').at(-1)!.progress.state).toBe('paused');
    const oracle = createTrainer(graph, { settings: { batchSize: 8 } });
    for (const b of batches) expect(b.step).toEqual(oracle.stepDetailed());
    h.send({ type: 'resume' });
    h.drain(3);
    expect(h.of('progress').at(-1)!.progress.step).toBeGreaterThan(2);
  });

  it('the reply handler shows the batch\'s rows with the parameters before the step, and keeps it for the table', () => {
    const shown: { params: unknown; rows?: readonly number[] }[] = [];
    const handler = new ReplyHandler({ showTrainedParameters: (_base, params, rows) => { shown.push({ params, rows }); } });
    const graph = example('xor-mlp');
    useDocument.getState().load(graph);
    useTraining.getState().begin(useDocument.getState().graph);
    const h = harness();
    h.send({ type: 'step-batch', graph: useDocument.getState().graph, settings: {} });
    h.replies.forEach((r) => handler.handle(r));
    handler.flushProgress();
    const step = h.of('batch')[0]!.step;
    expect(shown.at(-1)!.rows).toEqual(step.rows);
    const fc1 = step.params.find((p) => p.nodeId === 'fc1' && p.name === 'W')!;
    expect((shown.at(-1)!.params as Record<string, Record<string, { data: number[] }>>).fc1!.W!.data).toEqual(fc1.before);
    expect(useTraining.getState().batch).toEqual(step);
    expect(useTraining.getState().status).toBe('paused');
  });
});
