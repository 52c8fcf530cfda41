import { execFileSync, spawn } from 'node:child_process';
import { chmod, link, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
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
function killChildAt(target: string, pauseAt: 'midWrite' | 'beforeRename' | 'midCopy' | 'naive'): Promise<void> {
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

  it('writes bytes as they are (an ONNX model is not UTF-8), from a view into a larger buffer', async () => {
    const dir = await tempDir();
    const whole = new Uint8Array([1, 2, 0xff, 0xfe, 0x00, 0x80, 0xc3, 9]);
    await writeFileAtomic(join(dir, 'm.onnx'), whole.subarray(2, 7));
    expect(new Uint8Array(await readFile(join(dir, 'm.onnx')))).toEqual(new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3]));
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

describe('writeFileAtomic through links and onto read-only files', () => {
  it('writes through a symbolic link to the file it points to, and keeps the link', async () => {
    const { dir, target } = await withOld();
    await mkdir(join(dir, 'links'));
    const viaLink = join(dir, 'links', 'shortcut.bpgraph');
    await symlink('../graph.bpgraph', viaLink); // relative, as `ln -s` makes them
    await writeFileAtomic(viaLink, NEW);
    expect((await lstat(viaLink)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(NEW);
    expect((await readdir(join(dir, 'links')))).toEqual(['shortcut.bpgraph']);
  });

  it('follows a chain of links, and creates the target of a dangling one', async () => {
    const dir = await tempDir();
    await symlink(join(dir, 'real.bpgraph'), join(dir, 'b.bpgraph'));
    await symlink(join(dir, 'b.bpgraph'), join(dir, 'a.bpgraph'));
    await writeFileAtomic(join(dir, 'a.bpgraph'), NEW);
    expect(await readFile(join(dir, 'real.bpgraph'), 'utf8')).toBe(NEW);
    expect((await lstat(join(dir, 'a.bpgraph'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, 'b.bpgraph'))).isSymbolicLink()).toBe(true);
  });

  it('refuses a link loop with ELOOP and writes nothing', async () => {
    const dir = await tempDir();
    await symlink(join(dir, 'b'), join(dir, 'a'));
    await symlink(join(dir, 'a'), join(dir, 'b'));
    await expect(writeFileAtomic(join(dir, 'a'), NEW)).rejects.toMatchObject({ code: 'ELOOP' });
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
  });

  it('keeps a hard link: every name of the file sees the new content (same inode)', async () => {
    const { dir, target } = await withOld();
    const other = join(dir, 'other-name.bpgraph');
    await link(target, other);
    const before = await stat(target);
    await writeFileAtomic(target, NEW);
    expect(await readFile(other, 'utf8')).toBe(NEW);
    const after = await stat(target);
    expect([after.ino, after.nlink]).toEqual([before.ino, 2]);
    await writeFileAtomic(other, 'short'); // shrinking in place truncates the rest
    expect(await readFile(target, 'utf8')).toBe('short');
    expect((await readdir(dir)).sort()).toEqual(['graph.bpgraph', 'other-name.bpgraph']);
  });

  it('hard link killed while copying into the file: the complete new version is kept next to it', async () => {
    const { dir, target } = await withOld();
    await link(target, join(dir, 'other-name.bpgraph'));
    await killChildAt(target, 'midCopy');
    const temps = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(await readFile(join(dir, temps[0]!), 'utf8')).toBe(NEW);
  });

  it('hard link on a full disk: growing the file fails before any old byte is overwritten, the old content stays', async () => {
    const { dir, target } = await withOld();
    await link(target, join(dir, 'other-name.bpgraph'));
    let opened = 0;
    const open: WriteFs['open'] = async (...args: Parameters<typeof nodeFs.open>) => {
      const handle = await nodeFs.open(...args);
      if (++opened === 2) { // the first open is the temp file, the second the shared inode
        handle.write = (async () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); }) as typeof handle.write;
      }
      return handle;
    };
    await expect(writeFileAtomic(target, NEW, { fs: { ...nodeFs, open } })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect((await readdir(dir)).sort()).toEqual(['graph.bpgraph', 'other-name.bpgraph']);
  });

  it.runIf(process.platform !== 'win32')('writes into a pipe instead of replacing it (--out /dev/stdout)', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c: Buffer) => { got += c.toString(); });
    const ended = new Promise((r) => reader.on('exit', r));
    await writeFileAtomic(fifo, 'through the pipe');
    await ended;
    expect(got).toBe('through the pipe');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('refuses to replace a read-only file and names it', async () => {
    const { target } = await withOld();
    await chmod(target, 0o444);
    const error = await writeFileAtomic(target, NEW).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'EREADONLY', path: target });
    expect(writeFailureReason(target, error)).toBe('the file is read-only');
    expect(await readFile(target, 'utf8')).toBe(OLD);
  });
});

describe('writeFailureReason', () => {
  it('names the folder for a permission error, says the disk is full or read-only', () => {
    expect(writeFailureReason('/srv/ro/graph.bpgraph', { code: 'EACCES' })).toBe('the folder /srv/ro is not writable (permission denied)');
    expect(writeFailureReason('/a/b.bpgraph', { code: 'ENOSPC' })).toBe('the disk is full');
    expect(writeFailureReason('/a/b.bpgraph', { code: 'EROFS' })).toBe('/a is on a read-only disk');
  });
});
