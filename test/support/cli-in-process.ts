// The CLI run in-process over an in-memory file system: what `npm run -s cli -- …` prints and writes.
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The text files after the run, written ones included. */
  readonly files: Record<string, string>;
  /** The binary files (an ONNX model) after the run, written ones included. */
  readonly bytes: Record<string, Uint8Array>;
}

export async function runCli(argv: string[], files: Record<string, string | Uint8Array> = {}): Promise<CliRun> {
  let stdout = '', stderr = '';
  const text: Record<string, string> = {}, bytes: Record<string, Uint8Array> = {};
  const put = (p: string, s: string | Uint8Array): void => {
    delete text[p];
    delete bytes[p];
    if (typeof s === 'string') text[p] = s;
    else bytes[p] = s;
  };
  for (const [p, s] of Object.entries(files)) put(p, s);
  const io: CliIo = {
    stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false,
    readFile: (p) => {
      if (Object.hasOwn(bytes, p)) return bytes[p]!;
      if (!Object.hasOwn(text, p)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return text[p]!;
    },
    writeFile: put,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, files: text, bytes };
}
