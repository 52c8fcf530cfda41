import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_VERSION, MAX_FILE_BYTES, serializeGraph } from '../../engine/index.ts';
import { readGraphFromDisk } from '../../app/main/graph-files.ts';
import { examplePath, exampleText, tempDir } from './helpers.ts';

async function fileWith(text: string, name = 'bad.bpgraph'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, text);
  return path;
}

async function exampleDoc(): Promise<Record<string, unknown>> {
  return JSON.parse(await exampleText()) as Record<string, unknown>;
}

async function messageFor(path: string): Promise<string> {
  const r = await readGraphFromDisk(path);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.message;
}

describe('readGraphFromDisk', () => {
  it('reads the lecture example', async () => {
    const r = await readGraphFromDisk(examplePath);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.name).toBe('lecture-two-layer.bpgraph');
      expect(r.graph.nodes.map((n) => n.id)).toContain('loss');
    }
  });

  it('migrates a file from an older format version', async () => {
    const r = await readGraphFromDisk(await fileWith(JSON.stringify({ ...(await exampleDoc()), version: 1 }), 'old.bpgraph'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.parse(serializeGraph(r.graph)).version).toBe(FILE_VERSION);
  });

  it('names malformed JSON', async () => {
    const msg = await messageFor(await fileWith('{ "format": "backprop-studio-graph", '));
    expect(msg).toMatch(/^"bad.bpgraph" could not be opened: not valid JSON/);
  });

  it('names a wrong format marker', async () => {
    const msg = await messageFor(await fileWith(JSON.stringify({ ...(await exampleDoc()), format: 'something-else' })));
    expect(msg).toContain('format');
    expect(msg).toContain('not a Backprop Studio graph');
  });

  it('names a newer version', async () => {
    const msg = await messageFor(await fileWith(JSON.stringify({ ...(await exampleDoc()), version: 99 })));
    expect(msg).toMatch(/version 99, made by a newer Backprop Studio/);
  });

  it('names the JSON path of a schema error', async () => {
    const doc = await exampleDoc();
    (doc.nodes as Record<string, unknown>[])[1]!.params = { W: { shape: [1, 1], data: [1, 2] } };
    const msg = await messageFor(await fileWith(JSON.stringify(doc)));
    expect(msg).toContain('nodes[1].params.W.data');
    expect(msg).toContain('needs 1 numbers, found 2');
  });

  it('refuses a structurally invalid graph and names the problem', async () => {
    const doc = await exampleDoc();
    (doc.nodes as Record<string, unknown>[])[2]!.kind = 'warp-drive';
    const msg = await messageFor(await fileWith(JSON.stringify(doc)));
    expect(msg).toMatch(/the graph is invalid: .*unknown kind "warp-drive"/);
  });

  it('opens unfinished work (an unconnected port is not a reason to refuse)', async () => {
    const doc = await exampleDoc();
    doc.edges = (doc.edges as { id: string }[]).filter((e) => e.id !== 'e-x-w1');
    expect((await readGraphFromDisk(await fileWith(JSON.stringify(doc)))).ok).toBe(true);
  });

  it('refuses a file over 50 MB from its size, without reading it', async () => {
    const path = join(await tempDir(), 'huge.bpgraph');
    const handle = await open(path, 'w');
    await handle.truncate(MAX_FILE_BYTES + 1024 * 1024); // sparse: costs no disk
    await handle.close();
    const r = await readGraphFromDisk(path, {
      stat: (await import('node:fs/promises')).stat,
      readFile: async () => { throw new Error('must not read an oversized file'); },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/"huge.bpgraph" could not be opened: the file is 51.0 MB; graphs larger than 50 MB are refused/);
  });

  it('names a missing file and a folder', async () => {
    const dir = await tempDir();
    expect(await messageFor(join(dir, 'gone.bpgraph'))).toMatch(/no longer exists/);
    expect(await messageFor(dir)).toMatch(/not a file/);
  });
});
