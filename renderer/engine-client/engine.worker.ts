// Runs the engine off the UI thread: each request is answered by the one run path, in order.
import { EngineHost } from './engine-host.ts';
import type { EngineReply, EngineRequest } from './protocol.ts';

const host = new EngineHost();
const post = (reply: EngineReply, transfer: Transferable[]): void => (self as unknown as { postMessage(m: EngineReply, t: Transferable[]): void }).postMessage(reply, transfer);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { reply, transfer } = host.answer(event.data);
  post(reply, transfer);
};
