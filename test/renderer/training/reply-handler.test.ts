// The replies of a real training run (from the worker core) applied to the UI stores: live results go
// to the run store, and the trained parameters land in the document as one undoable change.
import { beforeEach, describe, expect, it } from 'vitest';
import { useAnalysis } from '../../../renderer/analysis/analysis-store.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { useHistory } from '../../../renderer/store/history-store.ts';
import { useRun } from '../../../renderer/store/run-store.ts';
import { discardPending, handleReply } from '../../../renderer/training/reply-handler.ts';
import { useTraining } from '../../../renderer/training/training-store.ts';
import { example, harness } from './support.ts';

function trainInWorkerCore(settings: Record<string, unknown>) {
  const graph = useDocument.getState().graph;
  useTraining.getState().begin(graph);
  const h = harness();
  h.send({ type: 'train', graph, settings });
  h.drain();
  return h.replies;
}

describe('handleReply', () => {
  beforeEach(() => {
    discardPending();
    useDocument.getState().load(example('xor-mlp'));
    useTraining.getState().reset();
  });

  it('writes the trained parameters back as one undoable change, and undo restores the old ones', () => {
    const before = useDocument.getState().graph;
    const runsBefore = useRun.getState().runs;
    const replies = trainInWorkerCore({ epochs: 200 });
    replies.forEach(handleReply);
    const after = useDocument.getState().graph;
    const fin = replies.find((r) => r.type === 'finished')!;
    if (fin.type !== 'finished') throw new Error('unreachable');
    expect(after.nodes.find((n) => n.id === 'fc1')!.params).toEqual(fin.params.fc1);
    expect(useHistory.getState().past).toHaveLength(1);
    expect(useTraining.getState()).toMatchObject({ status: 'done', writeBack: 'written' });
    expect(useTraining.getState().series.step).toHaveLength(200); // every progress reached the panel
    expect(useRun.getState().runs).toBeGreaterThan(runsBefore); // live results went to the run store
    useDocument.getState().undo();
    expect(useDocument.getState().graph).toBe(before);
  });

  it('does not write back when the document changed during training, nor show live results for it', () => {
    const replies = trainInWorkerCore({ epochs: 50 });
    const edited = { ...useDocument.getState().graph, name: 'edited meanwhile' };
    useDocument.getState().commit('edit config', edited);
    const runsBefore = useRun.getState().runs;
    replies.forEach(handleReply);
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
    handleReply({ type: 'analysis-error', id: 5, request: 'hessian', message: 'nope' });
    expect(useAnalysis.getState().hessian.error).toBe('nope');
  });
});
