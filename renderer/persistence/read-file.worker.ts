// Reads one file's bytes into a graph off the UI thread (file-reading.ts); the page ends it after its answer.
import { answerRead, type GraphRead, type ReadRequest } from './file-reading.ts';

self.onmessage = (event: MessageEvent<ReadRequest>) => {
  (self as unknown as { postMessage(m: GraphRead): void }).postMessage(answerRead(event.data));
};
