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

/** Older versions are migrated here, one step at a time; there is only version 1 so far. */
const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export function parseGraphFile(text: string): Graph {
  if (text.length > MAX_FILE_BYTES) {
    throw new GraphFileError('', `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; graphs larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`);
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
  return graph as Graph;
}

/** Stable text: format and version first, two-space indent, numbers in shortest round-trip form. */
export function serializeGraph(graph: Graph): string {
  const { name, seed, nodes, edges, ...rest } = graph;
  const doc = { format: FILE_FORMAT, version: FILE_VERSION, name, ...(seed === undefined ? {} : { seed }), ...rest, nodes, edges };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
