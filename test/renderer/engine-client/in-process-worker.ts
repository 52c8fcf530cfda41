// The engine worker without a Worker: the same host (run path, cached program, packed results), answered on a later task.
import type { EngineWorkerLike } from '../../../renderer/engine-client/engine-client.ts';
import { EngineHost } from '../../../renderer/engine-client/engine-host.ts';

/** `sent` lists the type of every run request (a document to compile, or only numbers changed); `requests` counts them. */
export function inProcessEngineWorker(): EngineWorkerLike & { requests: number; sent: string[] } {
  let terminated = false;
  const host = new EngineHost();
  const worker: EngineWorkerLike & { requests: number; sent: string[] } = {
    onmessage: null, onerror: null, requests: 0, sent: [],
    postMessage(request) {
      if (request.type !== 'full') {
        worker.requests++;
        worker.sent.push(request.type);
      }
      // Structured like a real message: the worker owns its copy of the request.
      const copy = structuredClone(request);
      setTimeout(() => { if (!terminated) worker.onmessage?.({ data: host.answer(copy).reply }); }, 0);
    },
    terminate() { terminated = true; },
  };
  return worker;
}
