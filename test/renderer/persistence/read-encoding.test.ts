// One reading rule (issue 8.10): the browser and the desktop main process read a file's bytes with the
// engine's reader, so a UTF-16 file is refused everywhere with the same message the CLI gives.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGraphFromDisk } from '../../../app/main/graph-files.ts';
import { createBrowserFiles } from '../../../renderer/persistence/browser-files.ts';
import { browserDeps, exampleGraph, exampleText } from './fixtures.ts';

const UTF16_REFUSAL = '"utf16.bpgraph" could not be opened: the file is UTF-16 (little-endian) text (it starts with that byte-order mark). Backprop Studio reads UTF-8 only; save it as UTF-8';

function utf16le(text: string): Uint8Array {
  const units = `\uFEFF${text}`;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) { out[2 * i] = units.charCodeAt(i) & 0xff; out[2 * i + 1] = units.charCodeAt(i) >> 8; }
  return out;
}

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'bps-read-'));
const bytesFile = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });

describe('browser mode reads bytes with the engine rule', () => {
  it('refuses a UTF-16 file naming the encoding, and keeps the document', async () => {
    const t = browserDeps();
    const files = createBrowserFiles(t.deps);
    const r = await files.openDropped(bytesFile('utf16.bpgraph', utf16le(exampleText)));
    expect(r).toEqual({ status: 'error', message: UTF16_REFUSAL });
    expect(t.notified).toEqual([UTF16_REFUSAL]);
    expect(files.documentName()).toBe('Untitled.bpgraph');
  });

  it('opens UTF-8 with a byte-order mark', async () => {
    const t = browserDeps();
    const r = await createBrowserFiles(t.deps).openDropped(bytesFile('bom.bpgraph', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(exampleText)])));
    expect(r).toMatchObject({ status: 'opened', graph: exampleGraph() });
  });
});

describe('desktop main reads bytes with the engine rule', () => {
  it('refuses a UTF-16 file naming the encoding', async () => {
    const path = join(await tempDir(), 'utf16.bpgraph');
    await writeFile(path, utf16le(exampleText));
    expect(await readGraphFromDisk(path)).toEqual({ ok: false, message: UTF16_REFUSAL });
  });

  it('sends the page the decoded text, without the byte-order mark', async () => {
    const path = join(await tempDir(), 'bom.bpgraph');
    await writeFile(path, `\uFEFF${exampleText}`);
    const r = await readGraphFromDisk(path);
    expect(r).toMatchObject({ ok: true, text: exampleText });
  });
});
