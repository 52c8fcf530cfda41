// Reading a .bpgraph text into a Graph with the same checks and messages in desktop and browser
// mode. Pure TypeScript (engine only), so both main and renderer/persistence can use it.
import {
  analyzeGraph, GraphFileError, GraphValidationError, MAX_FILE_BYTES, readDocument,
  type Graph, type GraphIssueCode,
} from '../../engine/index.ts';

/**
 * Issues that make a file unusable as a document (the canvas cannot represent them; a parameter the
 * kind does not have, such as "constructor", has no place in the inspector and would never be run). Others —
 * unconnected ports, shape mismatches, bad config values — are ordinary unfinished work: the file
 * opens and the canvas marks them.
 */
export const STRUCTURAL_ISSUES: ReadonlySet<GraphIssueCode> = new Set<GraphIssueCode>([
  'duplicate-id', 'unknown-kind', 'missing-node', 'missing-port', 'port-occupied', 'cycle', 'unknown-param',
  'unknown-module', 'module-cycle', 'bad-id',
]);

export type ReadResult =
  | { readonly ok: true; readonly graph: Graph; /** decoded, as the page is sent it */ readonly text: string }
  | { readonly ok: false; readonly message: string };

/** "<name>" could not be opened: <reason>. One sentence a person can act on. */
export function cannotOpen(fileName: string, reason: string): string {
  return `"${fileName}" could not be opened: ${reason}`;
}

export function tooLargeReason(bytes: number): string {
  return `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; graphs larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`;
}

/**
 * Reads a document (a file's bytes, or text already decoded) with the engine's one reading rule
 * (engine/read-document.ts), then refuses what the canvas cannot show; never throws.
 */
export function readGraphText(content: Uint8Array | string, fileName: string): ReadResult {
  let graph: Graph, text: string;
  try {
    ({ graph, text } = readDocument(content));
  } catch (e) {
    if (e instanceof GraphFileError) return { ok: false, message: cannotOpen(fileName, describeFileError(e)) };
    return { ok: false, message: cannotOpen(fileName, (e as Error).message) };
  }
  const structural = analyzeGraph(graph).issues.filter((i) => STRUCTURAL_ISSUES.has(i.code));
  if (structural.length > 0) {
    const err = new GraphValidationError(structural);
    return { ok: false, message: cannotOpen(fileName, `the graph is invalid: ${err.message}`) };
  }
  return { ok: true, graph, text };
}

function describeFileError(e: GraphFileError): string {
  if (e.path === '') return e.message;
  if (e.path === 'format' || e.path === 'version') {
    const detail = e.message.slice(e.path.length + 2);
    return detail.startsWith('the file') ? detail : `the "${e.path}" field: ${detail}`;
  }
  return `the graph is invalid at ${e.message}`;
}

/** The file name a document is known by, with the .bpgraph extension. */
export function documentFileName(name: string): string {
  // "Lecture: two layers" reads as "Lecture - two layers", not "Lecture- two layers".
  const spaced = name.trim().replace(/\s*[\\/:*?"<>|]+\s+/g, ' - ');
  const safe = [...spaced].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '-' : c)).join('');
  const base = safe.replace(/-+/g, '-').slice(0, 120) || 'Untitled';
  return base.toLowerCase().endsWith('.bpgraph') ? base : `${base}.bpgraph`;
}
