// A large file is read slice by slice with its progress; a small one, or one without slices, at once.
import { describe, expect, it } from 'vitest';
import { readInChunks } from '../../../renderer/persistence/chunked-read.ts';

const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);

describe('readInChunks', () => {
  it('reads every slice in order and reports the share read after each', async () => {
    const seen: number[] = [];
    const read = await readInChunks(new Blob([bytes]), (f) => seen.push(f), 4);
    expect([...read]).toEqual([...bytes]);
    expect(seen).toEqual([0.4, 0.8, 1]);
  });
  it('reads a file of one slice, or one that cannot be sliced, at once without progress', async () => {
    const seen: number[] = [];
    expect([...(await readInChunks(new Blob([bytes]), (f) => seen.push(f), 10))]).toEqual([...bytes]);
    const unsliced = { size: 10, arrayBuffer: async () => bytes.slice().buffer };
    expect([...(await readInChunks(unsliced, (f) => seen.push(f), 4))]).toEqual([...bytes]);
    expect(seen).toEqual([]);
  });
  it('names the offset when a slice comes back short (the file changed meanwhile)', async () => {
    const short = { size: 10, arrayBuffer: async () => bytes.buffer, slice: (start: number) => ({ arrayBuffer: async () => bytes.slice(start, start + 2).buffer }) };
    await expect(readInChunks(short, () => {}, 4)).rejects.toThrow('2 bytes at 0, expected 4');
  });
});
