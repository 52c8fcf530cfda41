// Runs the engine off the UI thread: each request is answered by the one run path.
import type { EngineReply, EngineRequest } from './protocol.ts';
import { runDocument } from './run-document.ts';

const post = (reply: EngineReply): void => (self as unknown as { postMessage(m: EngineReply): void }).postMessage(reply);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, graph } = event.data;
  post({ ...runDocument(graph), id });
};
