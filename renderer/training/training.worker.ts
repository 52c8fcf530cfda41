// The training and analysis worker: every engine computation of issue 5 runs here, never on the UI thread.
import type { WorkerReply, WorkerRequest } from './protocol.ts';
import { WorkerCore } from './worker-core.ts';

const core = new WorkerCore({
  post: (reply: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(reply),
  schedule: (fn) => { setTimeout(fn, 0); },
  now: () => performance.now(),
});

self.onmessage = (event: MessageEvent<WorkerRequest>) => core.handle(event.data);
