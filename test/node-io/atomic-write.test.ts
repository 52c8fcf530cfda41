import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFailureReason, writeFileAtomic, type WriteFs } from '../../node-io/atomic-write.ts';
import { tempDir } from '../app/helpers.ts';

const OLD = 'old content that must survive\n';
const NEW = 'new content '.repeat(10_000);

async function withOld(): Promise<{ dir: string; target: string }> {
  const dir = await tempDir();
  const target = join(dir, 'graph.bpgraph');
  await writeFile(target, OLD);
  return { dir, target };
}

/** Runs the writer in a child process and SIGKILLs it at the pause point. */
function killChildAt(target: string, pauseAt: 'midWrite' | 'beforeRename' | 'naive'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'atomic-writer-child.ts'), target, NEW, pauseAt], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('paused')) child.kill('SIGKILL');
      if (out.includes('done')) reject(new Error('the writer finished instead of pausing'));
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed: ${out}`))));
  });
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const { dir, target } = await withOld();
    await writeFileAtomic(target, NEW);
    expect(await readFile(target, 'utf8')).toBe(NEW);
    expect(await readdir(dir)).toEqual(['graph.bpgraph']);
  });

  it('creates a file that did not exist', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'fresh.bpgraph'), NEW);
    expect(await readFile(join(dir, 'fresh.bpgraph'), 'utf8')).toBe(NEW);
  });

  it.runIf(process.platform !== 'win32')('keeps the permissions of the file it replaces', async () => {
    const { target } = await withOld();
    await chmod(target, 0o600);
    await writeFileAtomic(target, NEW);
    expect((await nodeFs.stat(target)).mode & 0o777).toBe(0o600);
  });

  for (const pauseAt of ['midWrite', 'beforeRename'] as const) {
    it(`leaves the old file intact when the process is killed (${pauseAt})`, async () => {
      const { target } = await withOld();
      await killChildAt(target, pauseAt);
      expect(await readFile(target, 'utf8')).toBe(OLD);
      // The next save still works and replaces it completely.
      await writeFileAtomic(target, NEW);
      expect(await readFile(target, 'utf8')).toBe(NEW);
    });
  }

  it('negative control: an in-place writer killed the same way leaves a torn file', async () => {
    const { target } = await withOld();
    await killChildAt(target, 'naive');
    const left = await readFile(target, 'utf8');
    expect(left).not.toBe(OLD);
    expect(left).not.toBe(NEW);
  });

  it('keeps the old file and removes the temp file when rename fails', async () => {
    const { dir, target } = await withOld();
    const fs: WriteFs = { ...nodeFs, rename: async () => { throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' }); } };
    await expect(writeFileAtomic(target, NEW, { fs })).rejects.toThrow(/EIO/);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await readdir(dir)).toEqual(['graph.bpgraph']);
  });

  it('keeps the old file and removes the temp file when the disk is full (injected ENOSPC on write)', async () => {
    const { dir, target } = await withOld();
    const open: WriteFs['open'] = async (...args: Parameters<typeof nodeFs.open>) => {
      const handle = await nodeFs.open(...args);
      const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>;
      let budget = 4096; // the first 4 kB fit, then the disk is full
      handle.write = (async (data: Uint8Array, offset: number, length: number, position: number) => {
        if (budget <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        const n = Math.min(length, budget);
        budget -= n;
        return write(data, offset, n, position);
      }) as typeof handle.write;
      return handle;
    };
    await expect(writeFileAtomic(target, NEW, { fs: { ...nodeFs, open } })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await readdir(dir)).toEqual(['graph.bpgraph']);
  });

  it('keeps the old file when fsync of the temp file fails', async () => {
    const { dir, target } = await withOld();
    const open: WriteFs['open'] = async (...args: Parameters<typeof nodeFs.open>) => {
      const handle = await nodeFs.open(...args);
      handle.sync = async () => { throw Object.assign(new Error('EIO: fsync failed'), { code: 'EIO' }); };
      return handle;
    };
    await expect(writeFileAtomic(target, NEW, { fs: { ...nodeFs, open } })).rejects.toThrow(/fsync/);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await readdir(dir)).toEqual(['graph.bpgraph']);
  });
});

describe('writeFailureReason', () => {
  it('names the folder for a permission error, says the disk is full or read-only', () => {
    expect(writeFailureReason('/srv/ro/graph.bpgraph', { code: 'EACCES' })).toBe('the folder /srv/ro is not writable (permission denied)');
    expect(writeFailureReason('/a/b.bpgraph', { code: 'ENOSPC' })).toBe('the disk is full');
    expect(writeFailureReason('/a/b.bpgraph', { code: 'EROFS' })).toBe('/a is on a read-only disk');
  });
});
