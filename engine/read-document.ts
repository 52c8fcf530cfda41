// The one way a .bpgraph document is read, by the CLI, the desktop main process and the browser
// alike: bytes (or text already decoded) → size → encoding → nesting → JSON → keys → format,
// version, migrations and schema (format/graph-file.ts). Every refusal is a GraphFileError with a
// JSON path and a typed `problem`.
import { GraphFileError, graphFromDocument, jsonPath, type GraphFileProblem } from './format/graph-file.ts';
import { MAX_FILE_BYTES } from './format/schema.ts';
import type { Graph } from './graph/types.ts';
import { quote } from './text/quote.ts';

/** Deeper JSON is refused before parsing: a graph needs about 7 levels, and deep nesting exhausts the stack of every later walk. */
export const MAX_NESTING = 64;

export interface ReadDocument {
  readonly graph: Graph;
  /** The version the file was written in (saving writes the current one). */
  readonly fileVersion: number;
  /** The document's text as read (decoded, without a byte-order mark). */
  readonly text: string;
}

/** Reads a document from the bytes of a file, or from text already decoded; throws GraphFileError. */
export function readDocument(input: Uint8Array | string): ReadDocument {
  const text = typeof input === 'string' ? checkedText(input) : decodeUtf8(input);
  checkNesting(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new GraphFileError('', `not valid JSON (${(e as Error).message})`, 'json');
  }
  if (typeof doc === 'object' && doc !== null) refuseProtoKeys(doc, []);
  return { ...graphFromDocument(doc), text };
}

/** The graph of a document's text (see readDocument). */
export function parseGraphFile(text: string): Graph {
  return readDocument(text).graph;
}

/** Like parseGraphFile, and tells which version the file was written in. */
export const readGraphFile = (text: string): ReadDocument => readDocument(text);

const fail = (problem: GraphFileProblem, message: string): never => { throw new GraphFileError('', message, problem); };

function tooLarge(bytes: number): never {
  return fail('too-large', `the file is more than ${(bytes / 1024 / 1024).toFixed(1)} MB; graphs larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`);
}

const SAVE_AS_UTF8 = 'Backprop Studio reads UTF-8 only; save it as UTF-8';

function checkedText(text: string): string {
  const bytes = utf8Length(text, MAX_FILE_BYTES);
  if (bytes > MAX_FILE_BYTES) tooLarge(bytes);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = body.indexOf('\0');
  if (nul >= 0) fail('encoding', `the text holds a NUL character at position ${nul}: not UTF-8 text. ${SAVE_AS_UTF8}`);
  return body;
}

const BOMS: readonly [readonly number[], string][] = [
  [[0xff, 0xfe, 0, 0], 'UTF-32 (little-endian)'], [[0, 0, 0xfe, 0xff], 'UTF-32 (big-endian)'],
  [[0xff, 0xfe], 'UTF-16 (little-endian)'], [[0xfe, 0xff], 'UTF-16 (big-endian)'],
];

function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length > MAX_FILE_BYTES) tooLarge(bytes.length);
  for (const [bom, name] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) fail('encoding', `the file is ${name} text (it starts with that byte-order mark). ${SAVE_AS_UTF8}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const guess = bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0) ? 'UTF-16 or UTF-32 text without a byte-order mark, or not text at all' : 'not a text file';
    fail('encoding', `the file holds a NUL byte at byte ${nul}: ${guess}. ${SAVE_AS_UTF8}`);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return utf8Decoder().decode(bytes.subarray(start));
  } catch {
    // Only a malformed file pays for finding where (the decoder does not say).
    return fail('encoding', `the file is not valid UTF-8 (byte ${firstInvalidUtf8(bytes, start)}). ${SAVE_AS_UTF8}`);
  }
}

// TextDecoder is standard in browsers, workers and Node; typed here because engine/ has no DOM or Node typings.
interface Utf8Decoder { decode(bytes: Uint8Array): string }
function utf8Decoder(): Utf8Decoder {
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder }).TextDecoder;
  return new Decoder('utf-8', { fatal: true, ignoreBOM: true });
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    const [n, min, max] = c >= 0xc2 && c <= 0xdf ? [1, 0x80, 0xbf]
      : c === 0xe0 ? [2, 0xa0, 0xbf] : c === 0xed ? [2, 0x80, 0x9f] : c >= 0xe1 && c <= 0xef ? [2, 0x80, 0xbf]
        : c === 0xf0 ? [3, 0x90, 0xbf] : c === 0xf4 ? [3, 0x80, 0x8f] : c >= 0xf1 && c <= 0xf3 ? [3, 0x80, 0xbf] : [0, 0, 0];
    if (n === 0) return i;
    // The second byte has a narrower range (no overlongs, no surrogates, nothing past U+10FFFF).
    if (b[i + 1] === undefined || b[i + 1]! < min || b[i + 1]! > max) return i;
    for (let k = 2; k <= n; k++) if (b[i + k] === undefined || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** UTF-8 size of the text; counting stops once it passes `limit` (the file limit is in bytes, not characters). */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // no UTF-16 unit takes more than 3 bytes: cannot be over
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } // a surrogate pair is one 4-byte character
    else n += 3;
  }
  return n;
}

/**
 * One pass over the text, before JSON.parse: brackets outside strings, with the key or index of each
 * open level, so a too-deep file is refused at the path where it gets too deep.
 */
function checkNesting(text: string): void {
  const path: (string | number)[] = [];
  const structural = /[[\]{},:"]/g; // a regular expression skips the numbers and spaces between, fast
  const stringEnd = /(?:[^"\\]|\\.)*"/y;
  let lastString: string | null = null;
  for (let m = structural.exec(text); m !== null; m = structural.exec(text)) {
    const c = m[0];
    if (c === '"') {
      const start = structural.lastIndex;
      stringEnd.lastIndex = start;
      const end = stringEnd.test(text) ? stringEnd.lastIndex : text.length; // unterminated: JSON.parse says so
      lastString = text.slice(start, Math.min(end - 1, start + 80));
      structural.lastIndex = end;
      continue;
    }
    if (c === ':') {
      if (lastString !== null) path[path.length - 1] = lastString;
    } else if (c === '{' || c === '[') {
      if (path.length >= MAX_NESTING) {
        throw new GraphFileError(jsonPath(path.slice(0, 6)), `nested more than ${MAX_NESTING} levels deep (a graph needs about 7); refused`, 'too-deep');
      }
      path.push(c === '[' ? 0 : '');
    } else if (c === '}' || c === ']') {
      path.pop();
    } else if (typeof path[path.length - 1] === 'number') { // , in an array
      (path[path.length - 1] as number)++;
    }
    lastString = null;
  }
}

/** JSON.parse keeps a "__proto__" key, but every object it is later copied into drops it: refuse it rather than lose it. */
function refuseProtoKeys(value: object, path: (string | number)[]): void {
  const visit = (key: string | number, child: unknown): void => {
    if (typeof child !== 'object' || child === null) return;
    path.push(key);
    refuseProtoKeys(child, path);
    path.pop();
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visit(i, value[i]);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === '__proto__') {
      throw new GraphFileError(jsonPath([...path, key]), `the key ${quote(key)} is not allowed (JavaScript objects cannot hold it, so its content would be lost); rename it`, 'proto-key');
    }
    visit(key, child);
  }
}
