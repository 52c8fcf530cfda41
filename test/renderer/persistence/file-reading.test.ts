import { describe, expect, it } from 'vitest';
import { readGraphText } from '../../../app/common/graph-document.ts';
import { answerRead, readOffThread, type GraphRead, type ReadRequest, type ReadWorkerLike } from '../../../renderer/persistence/file-reading.ts';
import { createBrowserFiles } from '../../../renderer/persistence/browser-files.ts';
import { browserDeps, exampleGraph, exampleText, fileOf } from './fixtures.ts';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A worker that answers in-process as read-file.worker.ts does, through a structured clone like the real one. */
class StandInWorker implements ReadWorkerLike {
  onmessage: ((event: { data: GraphRead }) => void) | null = null;
  onerror: ReadWorkerLike['onerror'] = null;
  terminated = false;
  transferred: Transferable[] = [];
  constructor(private readonly fail?: string) {}
  postMessage(request: ReadRequest, transfer: Transferable[]): void {
    this.transferred = transfer;
    const sent = structuredClone(request, { transfer });
    queueMicrotask(() => {
      if (this.fail !== undefined) this.onerror?.({ message: this.fail });
      else this.onmessage?.({ data: structuredClone(answerRead(sent)) });
    });
  }
  terminate(): void { this.terminated = true; }
}

const BAD_FILES: [string, string][] = [
  ['malformed.bpgraph', '{"format":'],
  ['marker.bpgraph', JSON.stringify({ ...JSON.parse(exampleText), format: 'other' })],
  ['invalid.bpgraph', JSON.stringify({ ...JSON.parse(exampleText), edges: [{ id: 'e', source: 'nope', target: 'loss', targetPort: 'in' }] })],
  ['utf16.bpgraph', '\uFEFF{}'],
];

describe('reading a file off the UI thread', () => {
  it('hands the bytes to a worker, answers with its graph and ends it', async () => {
    const worker = new StandInWorker();
    const bytes = bytesOf(exampleText);
    const read = await readOffThread(bytes, 'lecture.bpgraph', () => worker);
    expect(read).toEqual({ ok: true, graph: exampleGraph() });
    expect(worker.transferred).toHaveLength(1);
    expect(bytes.byteLength).toBe(0);
    expect(worker.terminated).toBe(true);
  });

  it("words a bad file's refusal exactly as readGraphText does, in the worker or without one", async () => {
    for (const [name, text] of BAD_FILES) {
      const expected = readGraphText(bytesOf(text), name);
      expect(expected.ok, name).toBe(false);
      if (expected.ok) continue;
      expect(await readOffThread(bytesOf(text), name, () => new StandInWorker()), name).toEqual({ ok: false, message: expected.message });
      expect(await readOffThread(bytesOf(text), name, null), name).toEqual({ ok: false, message: expected.message });
    }
  });

  it('copies a view into a larger buffer instead of handing the buffer over', async () => {
    const worker = new StandInWorker();
    const padded = bytesOf(`  ${exampleText}`);
    expect((await readOffThread(padded.subarray(2), 'x.bpgraph', () => worker)).ok).toBe(true);
    expect(worker.transferred).toEqual([]);
    expect(padded.byteLength).toBeGreaterThan(0);
  });

  it('reports a worker that fails as a file that could not be opened', async () => {
    const worker = new StandInWorker('script error');
    expect(await readOffThread(bytesOf(exampleText), 'a.bpgraph', () => worker)).toEqual({ ok: false, message: '"a.bpgraph" could not be opened: the file could not be checked (script error)' });
    expect(worker.terminated).toBe(true);
  });

  it('reads in place where there are no Workers (node)', async () => {
    expect(await readOffThread(bytesOf(exampleText), 'a.bpgraph')).toEqual({ ok: true, graph: exampleGraph() });
  });

  it('is how browser mode reads a picked file', async () => {
    const seen: string[] = [];
    const t = browserDeps({ readBytes: (bytes, name) => { seen.push(name); return readOffThread(bytes, name, () => new StandInWorker()); } });
    t.picks.push(fileOf('lecture.bpgraph', exampleText));
    expect(await createBrowserFiles(t.deps).open()).toMatchObject({ status: 'opened', graph: exampleGraph() });
    expect(seen).toEqual(['lecture.bpgraph']);
  });
});
