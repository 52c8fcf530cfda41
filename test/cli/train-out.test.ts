// `train --out` never loses the file it replaces: not when the process is killed mid-write, not on a
// full disk (a real 64 kB tmpfs where the machine allows one, an injected ENOSPC always).
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../engine/index.ts';
import { trainCommand } from '../../cli/commands/train.ts';
import type { CliIo } from '../../cli/io.ts';
import { tempDir } from '../app/helpers.ts';
import { onTinyDisk, tinyDisk } from '../node-io/tiny-disk.ts';

const repo = join(import.meta.dirname, '..', '..');
const moons = join(repo, 'examples', 'two-moons-tanh.bpgraph');

/** Starts the CLI's writer looping over `target` and SIGKILLs it `delayMs` after it began. */
function killWriterAfter(target: string, size: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'cli-writer-child.ts'), target, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited on its own (${_code})`))));
  });
}

describe('train --out is atomic', () => {
  it('killing the CLI at any moment of a write leaves the old file or a complete new one, never a torn one', async () => {
    const dir = await tempDir();
    const target = join(dir, 'out.bpgraph');
    const size = 8 * 1024 * 1024;
    const complete = new Set(['old', 'a'.repeat(size), 'b'.repeat(size)]);
    // Spread the kills over the first writes: before, during and between them.
    for (const delayMs of [0, 7, 19, 41, 83]) {
      await writeFile(target, 'old');
      await killWriterAfter(target, size, delayMs);
      const left = await readFile(target, 'utf8');
      expect(complete.has(left), `killed after ${delayMs} ms: ${left.length} bytes starting "${left.slice(0, 8)}"`).toBe(true);
    }
  });

  it('on a full disk (injected ENOSPC) exits 2 with one line naming the file and the cause', async () => {
    let stdout = '', stderr = '';
    const input = await readFile(moons, 'utf8');
    const io: CliIo = {
      stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false,
      readFile: () => input,
      writeFile: async () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); },
    };
    const code = await trainCommand(['g.bpgraph', '--epochs', '1', '--out', 'g.bpgraph'], io);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('backprop-studio train: g.bpgraph: cannot write (the disk is full); the file was left as it was\n');
  });

  // Skipped (with the reason in its title) where no tmpfs can be mounted; the injected tests still run.
  const skipped = tinyDisk.ok ? '' : ` (skipped: ${tinyDisk.reason})`;
  it.skipIf(!tinyDisk.ok)(`train g.bpgraph --out g.bpgraph on a real full disk (64 kB tmpfs) keeps g.bpgraph intact and exits 2${skipped}`, async () => {
    const dir = await tempDir();
    const disk = join(dir, 'disk');
    await mkdir(disk);
    const r = onTinyDisk(disk, [
      'cp "$SRC" "$DISK/g.bpgraph"',
      'cat /dev/zero > "$DISK/filler" 2>/dev/null', // fills every remaining block
      '"$NODE" --import tsx cli/main.ts train "$DISK/g.bpgraph" --epochs 1 --out "$DISK/g.bpgraph" 2>"$ERR" >/dev/null',
      'code=$?',
      'cp "$DISK/g.bpgraph" "$AFTER"',
      'ls -A "$DISK" > "$LISTING"',
      'exit $code',
    ].join('\n'), { SRC: moons, NODE: process.execPath, ERR: join(dir, 'stderr'), AFTER: join(dir, 'after'), LISTING: join(dir, 'listing') });
    expect(r.status, r.stderr).toBe(2);
    expect(await readFile(join(dir, 'after'), 'utf8')).toBe(await readFile(moons, 'utf8'));
    const stderr = await readFile(join(dir, 'stderr'), 'utf8');
    expect(stderr).toBe(`backprop-studio train: ${disk}/g.bpgraph: cannot write (the disk is full); the file was left as it was\n`);
    expect((await readFile(join(dir, 'listing'), 'utf8')).trim().split('\n').sort()).toEqual(['filler', 'g.bpgraph']); // no temp file left
    parseGraphFile(await readFile(join(dir, 'after'), 'utf8'));
  });
});
