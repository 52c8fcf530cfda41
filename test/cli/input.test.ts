// What the CLI reads (issue 8.7): a file's size and type are checked before a byte is read, so a FIFO,
// /dev/zero, a directory or a 5 GB file are refused at once, with one line, instead of hanging or filling memory.
import { execFile } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../app/helpers.ts';

const repo = join(import.meta.dirname, '..', '..');

/** The real CLI in a child process, killed after `ms`: a hang fails the test instead of the suite. */
function cliChild(args: string[], ms = 20_000): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repo, 'cli', 'main.ts'), ...args], { timeout: ms, cwd: repo }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr, killed: Boolean(error?.killed) });
    });
  });
}

describe('the CLI refuses what is not a small regular file before reading it', () => {
  it('a FIFO, /dev/zero, a directory and a 5 GB sparse file each exit 2 with one line', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'pipe.bpgraph');
    await new Promise<void>((resolve, reject) => execFile('mkfifo', [fifo], (e) => (e ? reject(e) : resolve())));
    const huge = join(dir, 'huge.bpgraph');
    const handle = await open(huge, 'w');
    await handle.truncate(5 * 1024 ** 3); // sparse: no disk used
    await handle.close();
    const folder = join(dir, 'folder.bpgraph');
    await mkdir(folder);
    const cases: [string, RegExp][] = [
      [fifo, /pipe\.bpgraph: cannot read \(a FIFO, not a regular file\)/],
      ['/dev/zero', /\/dev\/zero: cannot read \(a character device, not a regular file\)/],
      [folder, /folder\.bpgraph: cannot read \(is a directory\)/],
      [huge, /huge\.bpgraph: cannot read \(5\.37 GB, larger than 50 MB\)/],
    ];
    const results = await Promise.all(cases.map(([file]) => cliChild(['run', file])));
    results.forEach((r, i) => {
      const [file, message] = cases[i]!;
      expect(r.killed, `${file} hung`).toBe(false);
      expect(r.code, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }, 60_000);
});
