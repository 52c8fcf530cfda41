// The engine worker without a Worker: the same run path (runDocument), answered on a later task.
import type { EngineWorkerLike } from '../../../renderer/engine-client/engine-client.ts';
import { runDocument } from '../../../renderer/engine-client/run-document.ts';

export function inProcessEngineWorker(): EngineWorkerLike & { requests: number } {
  let terminated = false;
  const worker: EngineWorkerLike & { requests: number } = {
    onmessage: null, onerror: null, requests: 0,
    postMessage(request) {
      worker.requests++;
      setTimeout(() => { if (!terminated) worker.onmessage?.({ data: { ...runDocument(request.graph), id: request.id } }); }, 0);
    },
    terminate() { terminated = true; },
  };
  return worker;
}
