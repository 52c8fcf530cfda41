// What the UI does with each worker reply, apart from the worker itself (so it runs in unit tests):
// analysis replies to their store, progress coalesced for the panel, live results into the run store,
// and the trained parameters (with the settings used) written back to the document as one undoable change.
//
// Live edge labels: the worker runs the *document* graph with its current parameters every ~500 ms
// and posts the RunResults, which go straight into the run store (useRun.succeeded) as if the run
// worker had produced them. That needs no change to the editor's engine client; the run worker
// re-runs on its own whenever the document changes (e.g. the write-back when training ends).
import { withParameters, withTrainingSettings } from '../../engine/index.ts';
import { useAnalysis } from '../analysis/analysis-store.ts';
import { changesModel, diffGraphs } from '../model/graph-change.ts';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import type { WorkerReply } from './protocol.ts';
import { useTraining } from './training-store.ts';

/** Progress arrives ~20 times a second; the panel takes it at most every PROGRESS_EVERY_MS, in order. */
export const PROGRESS_EVERY_MS = 125;
let pending: WorkerReply[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export function flushProgress(): void {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  const replies = pending;
  pending = [];
  useTraining.getState().applyAll(replies);
}

export function handleReply(reply: WorkerReply): void {
  if (reply.type.endsWith('-result') || reply.type === 'analysis-error') {
    useAnalysis.getState().apply(reply);
    return;
  }
  if (reply.type === 'progress') {
    pending.push(reply);
    flushTimer ??= setTimeout(flushProgress, PROGRESS_EVERY_MS);
    return;
  }
  flushProgress(); // anything else lands after the progress that came before it
  const training = useTraining.getState();
  const doc = useDocument.getState();
  if (reply.type === 'live') {
    if (training.source && !changesModel(diffGraphs(training.source, doc.graph))) useRun.getState().succeeded(reply.results, reply.ms);
    return;
  }
  training.apply(reply);
  if (reply.type === 'finished') {
    const state = reply.progress.state;
    if (state === 'failed') training.setWriteBack('not-after-failure');
    else if (!training.source || changesModel(diffGraphs(training.source, doc.graph))) training.setWriteBack('graph-changed');
    else {
      // One undoable change for the whole run: the trained parameters and the settings that produced
      // them, so Save keeps both and the file retrains the same way.
      doc.commit('train', withTrainingSettings(withParameters(doc.graph, reply.params), reply.settings));
      training.setWriteBack('written');
    }
  }
}

/** Drops progress not yet shown (the worker is gone). */
export function discardPending(): void {
  pending = [];
  clearTimeout(flushTimer);
  flushTimer = undefined;
}
