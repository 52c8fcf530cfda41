// The CLI run in-process over an in-memory file system: what `npm run -s cli -- …` prints and writes.
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The files after the run, written ones included. */
  readonly files: Record<string, string>;
}

export async function runCli(argv: string[], files: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '', stderr = '';
  const fs = { ...files };
  const io: CliIo = {
    stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false,
    readFile: (p) => {
      if (!Object.hasOwn(fs, p)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return fs[p]!;
    },
    writeFile: (p, s) => { fs[p] = s; },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, files: fs };
}
