// Reading and writing .bpgraph text. Every failure is a GraphFileError that names the JSON path.
import type { Graph } from '../graph/types.ts';
import { FILE_FORMAT, FILE_VERSION, graphFileSchema, MAX_FILE_BYTES } from './schema.ts';

export class GraphFileError extends Error {
  /** JSON path of the offending value, e.g. "nodes[1].params.W.data[3]"; "" for the whole file. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'GraphFileError';
    this.path = path;
  }
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/**
 * Older versions are migrated here, one step at a time: migrations[v] turns version v into v + 1.
 * 1 → 2: version 2 only adds optional fields (datasets, node bindings, training), so a version 1
 * graph means the same thing as version 2; only the number changes. Unknown fields are kept.
 */
export const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: (doc) => ({ ...doc, version: 2 }),
};

export function parseGraphFile(text: string): Graph {
  return readGraphFile(text).graph;
}

/** Like parseGraphFile, and tells which version the file was written in (saving writes the current one). */
export function readGraphFile(text: string): { graph: Graph; fileVersion: number } {
  const bytes = utf8Length(text, MAX_FILE_BYTES);
  if (bytes > MAX_FILE_BYTES) {
    throw new GraphFileError('', `the file is more than ${(bytes / 1024 / 1024).toFixed(1)} MB; graphs larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new GraphFileError('', `not valid JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new GraphFileError('', 'expected a JSON object at the top level');
  let record = doc as Record<string, unknown>;
  if (record.format !== FILE_FORMAT) {
    throw new GraphFileError('format', `expected "${FILE_FORMAT}", found ${JSON.stringify(record.format) ?? 'nothing'}: this is not a Backprop Studio graph`);
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GraphFileError('version', `expected a positive integer, found ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > FILE_VERSION) {
    throw new GraphFileError('version', `the file is version ${version}, made by a newer Backprop Studio; this one reads up to version ${FILE_VERSION}`);
  }
  for (let v = version; v < FILE_VERSION; v++) record = migrations[v]!(record);
  const parsed = graphFileSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GraphFileError(jsonPath(issue.path), issue.message);
  }
  const { format: _f, version: _v, ...graph } = parsed.data;
  return { graph: graph as Graph, fileVersion: version };
}

/** UTF-8 size of the text, counting stops once it passes `limit` (the file limit is in bytes, not characters). */
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
 * Stable text: format and version first, two-space indent, numbers in shortest round-trip form.
 * Always writes the current version; datasets go last because embedded data is the bulky part.
 */
export function serializeGraph(graph: Graph): string {
  const { name, seed, training, nodes, edges, datasets, ...rest } = graph;
  const doc = {
    format: FILE_FORMAT, version: FILE_VERSION, name,
    ...(seed === undefined ? {} : { seed }), ...rest,
    ...(training === undefined ? {} : { training }),
    nodes, edges,
    ...(datasets === undefined ? {} : { datasets }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
