// What the UI does with each training reply, apart from the worker itself (so it runs in unit tests):
// progress coalesced for the panel, the parameters reached so far handed to the engine client (which
// runs them through the one run path for the edge labels), and the trained parameters (with the
// settings used) written back to the document as one undoable change.
import { emptyRecord, withParameters, withTrainingSettings, type BatchStep, type Graph } from '../../engine/index.ts';
import { changesModel, diffGraphs } from '../model/graph-change.ts';
import { useDocument } from '../store/document-store.ts';
import type { ParamMap, WorkerReply } from './protocol.ts';
import { useTraining } from './training-store.ts';

/**
 * Progress arrives ~20 times a second; the panel takes it, with the boundary pictures and class reports
 * that came meanwhile, at most every PROGRESS_EVERY_MS, in order: one render and one frame for all of
 * them, as each frame the browser draws is time the training worker does not get on a busy machine.
 */
export const PROGRESS_EVERY_MS = 200;

/** The replies that only update the panel, and so wait for the next flush. */
const coalesced = new Set<WorkerReply['type']>(['progress', 'grid', 'classes']);

/** Where the parameters of a running training go to be shown: the engine client. */
export interface TrainedParametersView {
  showTrainedParameters(base: Graph, params: ParamMap, rows?: readonly number[]): void;
}

export class ReplyHandler {
  private pending: WorkerReply[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly view: TrainedParametersView) {}

  flushProgress(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const replies = this.pending;
    this.pending = [];
    useTraining.getState().applyAll(replies);
  }

  handle(reply: WorkerReply): void {
    if (coalesced.has(reply.type)) {
      this.pending.push(reply);
      this.flushTimer ??= setTimeout(() => this.flushProgress(), PROGRESS_EVERY_MS);
      return;
    }
    this.flushProgress(); // anything else lands after the progress that came before it
    const training = useTraining.getState();
    const doc = useDocument.getState();
    const stillTheModel = training.source !== null && !changesModel(diffGraphs(training.source, doc.graph));
    if (reply.type === 'live') {
      if (stillTheModel) this.view.showTrainedParameters(training.source!, reply.params);
      return;
    }
    if (reply.type === 'batch' && stillTheModel) {
      // The canvas shows the batch that was trained on, with the parameters before the step: its
      // values and the gradients the step used; the panel lists before, change and after.
      this.view.showTrainedParameters(training.source!, paramsBefore(reply.step), reply.step.rows);
    }
    training.apply(reply);
    if (reply.type === 'finished') {
      const state = reply.progress.state;
      if (state === 'failed') training.setWriteBack('not-after-failure');
      else if (!stillTheModel) training.setWriteBack('graph-changed');
      else {
        // One undoable change for the whole run: the trained parameters and the settings that produced
        // them, so Save keeps both and the file retrains the same way.
        doc.commit('train', withTrainingSettings(withParameters(doc.graph, reply.params), reply.settings));
        training.setWriteBack('written');
      }
    }
  }

  /** Drops progress not yet shown (the worker is gone, or a new run replaces this one). */
  discardPending(): void {
    this.pending = [];
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }
}

function paramsBefore(step: BatchStep): ParamMap {
  const out: ParamMap = emptyRecord();
  for (const p of step.params) (out[p.nodeId] ??= emptyRecord())[p.name] = { shape: [...p.shape], data: p.before };
  return out;
}
