// The engine worker without a Worker: the same host (run path, cached program, packed results), answered on a later task.
import type { EngineWorkerLike } from '../../../renderer/engine-client/engine-client.ts';
import { EngineHost } from '../../../renderer/engine-client/engine-host.ts';

export function inProcessEngineWorker(): EngineWorkerLike & { requests: number } {
  let terminated = false;
  const host = new EngineHost();
  const worker: EngineWorkerLike & { requests: number } = {
    onmessage: null, onerror: null, requests: 0,
    postMessage(request) {
      worker.requests++;
      // Structured like a real message: the worker owns its copy of the request.
      const copy = structuredClone(request);
      setTimeout(() => { if (!terminated) worker.onmessage?.({ data: host.answer(copy).reply }); }, 0);
    },
    terminate() { terminated = true; },
  };
  return worker;
}
