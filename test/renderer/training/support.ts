// Shared fixtures: example graphs read from disk, a worker core driven by a manual scheduler, and the
// worker's analysis port (comlink over a MessageChannel, as in the browser).
import * as Comlink from 'comlink';
import { readFileSync } from 'node:fs';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import { useAnalysis } from '../../../renderer/analysis/analysis-store.ts';
import { analysisApi } from '../../../renderer/training/analysis-api.ts';
import type { AnalysisApi, AnalysisReply, WorkerReply, WorkerRequest } from '../../../renderer/training/protocol.ts';
import { TrainingClient } from '../../../renderer/training/training-client.ts';
import { WorkerCore } from '../../../renderer/training/worker-core.ts';

/** The worker's analysis API on one end of a channel, a comlink proxy of it on the other. */
export function analysisChannel(): { api: Comlink.Remote<AnalysisApi>; close(): void } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(analysisApi, port2);
  const api = Comlink.wrap<AnalysisApi>(port1);
  return { api, close: () => { api[Comlink.releaseProxy](); port1.close(); port2.close(); } };
}

/** A started TrainingClient whose worker answers analysis calls (training messages are ignored). */
export function analysisClient(): { training: TrainingClient; errors: Extract<AnalysisReply, { type: 'analysis-error' }>[]; stop(): void } {
  const errors: Extract<AnalysisReply, { type: 'analysis-error' }>[] = [];
  let exposed: MessagePort | null = null;
  const training = new TrainingClient({
    createWorker: () => ({
      onmessage: null, onerror: null,
      postMessage(message) { if (message.type === 'connect-analysis') Comlink.expose(analysisApi, exposed = message.port); },
      terminate() { exposed?.close(); },
    }),
    engine: { showTrainedParameters: () => undefined, clearTrainedParameters: () => undefined },
  });
  const unsubscribe = useAnalysis.subscribe((s, prev) => {
    for (const kind of ['jacobian', 'hessian', 'gradcheck'] as const) {
      if (s[kind].error !== null && s[kind] !== prev[kind]) errors.push({ type: 'analysis-error', id: s[kind].id, request: kind, message: s[kind].error! });
    }
  });
  const stop = training.start();
  return { training, errors, stop: () => { unsubscribe(); stop(); } };
}

export function example(name: string): Graph {
  return parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));
}

export function harness() {
  const replies: WorkerReply[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  // Each reading moves the clock on by 1 ms, so a chunk (which times itself) ends after a fixed number of steps.
  const core = new WorkerCore({ post: (r) => replies.push(r), schedule: (fn) => queue.push(fn), now: () => (clock += 1) });
  return {
    replies, queue,
    send: (r: WorkerRequest) => core.handle(r),
    /** Runs scheduled chunks (each advancing the fake clock) until none is left or `max` ran. */
    drain(max = Infinity, msPerChunk = 60): number {
      let n = 0;
      while (queue.length > 0 && n < max) { clock += msPerChunk; queue.shift()!(); n++; }
      return n;
    },
    of<T extends WorkerReply['type']>(type: T): Extract<WorkerReply, { type: T }>[] {
      return replies.filter((r): r is Extract<WorkerReply, { type: T }> => r.type === type);
    },
  };
}
