// The app's run path (issue 8.5): a graph too large to allocate is answered with the engine's message,
// naming the node and the size, instead of an exception in the worker; the document is not touched.
import { describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraph } from '../../../engine/index.ts';
import { runDocument } from '../../../renderer/engine-client/run-document.ts';

const big = parseGraphFile(JSON.stringify({
  format: 'backprop-studio-graph', version: 2, name: 'big',
  nodes: [{ id: 'x', kind: 'input', config: { size: 1000000 } }, { id: 'fc1', kind: 'linear', config: { in: 1000000, out: 1000000 } }],
  edges: [{ id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' }],
}));

describe('the app run path answers with the message, not an exception', () => {
  it('runDocument returns failed, naming the node and the size', () => {
    const before = serializeGraph(big);
    const outcome = runDocument(big);
    expect(outcome.type).toBe('failed');
    expect(outcome.type === 'failed' && outcome.message).toMatch(/node "fc1": W \[1000000, 1000000\] needs 8 TB/);
    expect(serializeGraph(big)).toBe(before); // the document as it was
  });
});
