// Commands talk to the world through this, so tests can run them in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** The file's bytes (the engine's reader decodes them: UTF-8 only); text is taken as already decoded. */
  readFile: (path: string) => Uint8Array | string;
  writeFile: (path: string, text: string) => void | Promise<void>;
}

/** Exit codes: 0 fine, 1 a check failed, 2 bad input (file, flag, graph). */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2 } as const;

/** Bad input from the user: reported as one line, never a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
