import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentFiles, recentIdOf } from '../../app/main/recent-files.ts';
import { tempDir } from './helpers.ts';

async function files(dir: string, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => join(dir, `g${i}.bpgraph`));
  await Promise.all(paths.map((p) => writeFile(p, '{}')));
  return paths;
}

describe('recent files', () => {
  it('lists newest first and survives a restart (persisted in the data folder)', async () => {
    const dir = await tempDir();
    const [a, b] = await files(dir, 2);
    const recent = createRecentFiles(join(dir, 'data'));
    await recent.add(a!);
    await recent.add(b!);
    const again = createRecentFiles(join(dir, 'data'));
    expect((await again.list()).map((r) => r.name)).toEqual(['g1.bpgraph', 'g0.bpgraph']);
  });

  it('moves a re-opened file to the top instead of listing it twice', async () => {
    const dir = await tempDir();
    const [a, b] = await files(dir, 2);
    const recent = createRecentFiles(dir);
    await recent.add(a!);
    await recent.add(b!);
    await recent.add(a!);
    expect((await recent.list()).map((r) => r.name)).toEqual(['g0.bpgraph', 'g1.bpgraph']);
  });

  it('treats differently-cased paths as one file on case-insensitive platforms only', async () => {
    const dir = await tempDir();
    const [a] = await files(dir, 1);
    const mac = createRecentFiles(join(dir, 'mac'), { platform: 'darwin' });
    await mac.add(a!.toUpperCase());
    await mac.add(a!);
    const linux = createRecentFiles(join(dir, 'linux'), { platform: 'linux' });
    await linux.add(join(dir, 'G0.bpgraph'));
    await linux.add(a!);
    const stored = async (d: string) => JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, d, 'recent-files.json'), 'utf8')) as string[];
    expect(await stored('mac')).toHaveLength(1);
    expect(await stored('linux')).toHaveLength(2);
  });

  it('is bounded', async () => {
    const dir = await tempDir();
    const paths = await files(dir, 6);
    const recent = createRecentFiles(join(dir, 'data'), { max: 4 });
    for (const p of paths) await recent.add(p);
    expect((await recent.list()).map((r) => r.name)).toEqual(['g5.bpgraph', 'g4.bpgraph', 'g3.bpgraph', 'g2.bpgraph']);
  });

  it('drops files that no longer exist', async () => {
    const dir = await tempDir();
    const [a, b] = await files(dir, 2);
    const recent = createRecentFiles(join(dir, 'data'));
    await recent.add(a!);
    await recent.add(b!);
    await rm(a!);
    expect((await recent.list()).map((r) => r.name)).toEqual(['g1.bpgraph']);
    expect(await recent.pathOf(recentIdOf(a!))).toBeNull();
  });

  it('hands out opaque ids and maps them back to paths', async () => {
    const dir = await tempDir();
    const [a] = await files(dir, 1);
    const recent = createRecentFiles(dir);
    await recent.add(a!);
    const [entry] = await recent.list();
    expect(entry!.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(entry!.id).not.toContain('g0');
    expect(await recent.pathOf(entry!.id)).toBe(a);
    expect(await recent.pathOf('not-an-id')).toBeNull();
  });

  it('keeps every entry when adds, lists and removals overlap (one operation at a time)', async () => {
    const dir = await tempDir();
    const paths = await files(dir, 8);
    const recent = createRecentFiles(join(dir, 'data'));
    await rm(paths[7]!);
    await Promise.all([...paths.map((p) => recent.add(p)), recent.list()]);
    expect((await recent.list()).map((r) => r.name).sort()).toEqual(paths.slice(0, 7).map((p) => basename(p)).sort());
  });

  it('starts empty when the stored list is damaged', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'recent-files.json'), '{not json');
    expect(await createRecentFiles(dir).list()).toEqual([]);
  });
});
