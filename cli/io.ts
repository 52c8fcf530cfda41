// Commands talk to the world through this, so tests can run them in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** The file's bytes (the engine's reader decodes them: UTF-8 only); text is taken as already decoded. */
  readFile: (path: string) => Uint8Array | string;
  /** Text is written as UTF-8; bytes (an ONNX model) as they are. */
  writeFile: (path: string, data: string | Uint8Array) => void | Promise<void>;
}

import { printable } from '../engine/index.ts';

/** A quoted name from the file shows at most this many characters in a message. */
const QUOTED_CHARS = 60;
/** Past this, a message is cut: the engine's longest (bce fed a value outside [0, 1]) is about 350. */
const MESSAGE_CHARS = 480;

/**
 * A message as one line: control characters (newlines too) escaped, each quoted name from the file cut to
 * QUOTED_CHARS (the engine quotes them, but not every message cuts them), then the whole to MESSAGE_CHARS.
 */
export function oneLine(message: string): string {
  const shown = printable(message, Number.MAX_SAFE_INTEGER)
    .replace(/"([^"]{61,})"/g, (_, text: string) => `"${text.slice(0, QUOTED_CHARS)}… (${text.length} characters)"`);
  return shown.length > MESSAGE_CHARS ? `${shown.slice(0, MESSAGE_CHARS)}… (${shown.length} characters)` : shown;
}

// C0 and C1 controls, DEL and the Unicode line separators; newlines (and \r on stderr, for progress) pass.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_CR = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;
const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same io with every control character written as \uXXXX. In JSON output that is the same string
 * (a valid escape), in text it is visible instead of retitling or clearing the terminal.
 */
export function terminalSafe(io: CliIo): CliIo {
  return { ...io, stdout: (s) => io.stdout(s.replace(CONTROL, escaped)), stderr: (s) => io.stderr(s.replace(CONTROL_BUT_CR, escaped)) };
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
