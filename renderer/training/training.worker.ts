// The training and analysis worker: every engine computation of issue 5 runs here, never on the UI
// thread. Training is a stream of messages on the worker itself; analysis calls arrive through
// comlink on the port the client sends first.
import * as Comlink from 'comlink';
import { analysisApi } from './analysis-api.ts';
import type { ConnectAnalysis, WorkerReply, WorkerRequest } from './protocol.ts';
import { WorkerCore } from './worker-core.ts';
import { enableGemmThreadsIfIsolated } from '../threads/enable-threads.ts';

enableGemmThreadsIfIsolated();

// The next chunk through a message to itself rather than setTimeout(0), which the browser clamps to 4 ms
// once timeouts nest (8 % of a 50 ms chunk); requests to the worker still get in between two chunks.
const next: (() => void)[] = [];
const loopback = new MessageChannel();
loopback.port1.onmessage = () => next.shift()?.();

const core = new WorkerCore({
  post: (reply: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(reply),
  schedule: (fn) => { next.push(fn); loopback.port2.postMessage(null); },
  now: () => performance.now(),
});

self.onmessage = (event: MessageEvent<WorkerRequest | ConnectAnalysis>) => {
  const message = event.data;
  if (message.type === 'connect-analysis') Comlink.expose(analysisApi, message.port);
  else core.handle(message);
};
