// The .bpgraph document: from parsed JSON to a Graph (read-document.ts reads the text), and back to
// text. Every failure is a GraphFileError that names the JSON path.
import type { Graph } from '../graph/types.ts';
import { own } from '../own.ts';
import { printable, quote } from '../text/quote.ts';
import { documentText, type GraphTextCache } from './graph-text.ts';
import { FILE_FORMAT, FILE_VERSION, graphFileSchema } from './schema.ts';

/** What kind of refusal: the reader's checks, in the order they run. */
export type GraphFileProblem = 'too-large' | 'encoding' | 'too-deep' | 'json' | 'proto-key' | 'not-a-graph' | 'version' | 'schema';

export class GraphFileError extends Error {
  /** JSON path of the offending value, e.g. "nodes[1].params.W.data[3]"; "" for the whole file. */
  readonly path: string;
  readonly problem: GraphFileProblem;
  /** `subject` names what the path points into, e.g. `node "linear2", parameter W`. */
  constructor(path: string, message: string, problem: GraphFileProblem = 'schema', subject?: string) {
    const at = path && subject ? `${path} (${subject})` : path;
    super(at ? `${at}: ${message}` : message);
    this.name = 'GraphFileError';
    this.path = path;
    this.problem = problem;
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

/** A parsed JSON document → the graph: format, version, migrations, schema (read-document.ts does the text). */
export function graphFromDocument(doc: unknown): { graph: Graph; fileVersion: number } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new GraphFileError('', 'expected a JSON object at the top level', 'not-a-graph');
  let record = doc as Record<string, unknown>;
  if (record.format !== FILE_FORMAT) {
    throw new GraphFileError('format', `expected "${FILE_FORMAT}", found ${shown(record.format)}: this is not a Backprop Studio graph`, 'not-a-graph');
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GraphFileError('version', `expected a positive integer, found ${shown(version)}`, 'version');
  }
  if (version > FILE_VERSION) {
    throw new GraphFileError('version', `the file is version ${version}, made by a newer Backprop Studio; this one reads up to version ${FILE_VERSION}`, 'version');
  }
  for (let v = version; v < FILE_VERSION; v++) record = migrations[v]!(record);
  const parsed = graphFileSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GraphFileError(jsonPath(issue.path), issue.message, 'schema', subjectOf(record, issue.path));
  }
  const { format: _f, version: _v, ...graph } = parsed.data;
  return { graph: graph as Graph, fileVersion: version };
}

const shown = (v: unknown): string => (v === undefined ? 'nothing' : quoteJson(v));
const quoteJson = (v: unknown): string => (typeof v === 'string' ? quote(v) : printable(JSON.stringify(v) ?? String(v)));

/** What a JSON path points into, in words: `node "linear2", parameter W`, `edge "e1"`, `dataset "d"`. */
function subjectOf(doc: Record<string, unknown>, path: readonly PropertyKey[]): string | undefined {
  const [list, index, field, name] = path;
  if ((list === 'nodes' || list === 'edges') && typeof index === 'number') {
    const item = own(doc[list], index);
    const id = own(item, 'id');
    if (typeof id !== 'string' || id === '') return undefined;
    const thing = `${list === 'nodes' ? 'node' : 'edge'} ${quote(id)}`;
    if (list === 'nodes' && field === 'params' && typeof name === 'string') return `${thing}, parameter ${printable(name)}`;
    if (list === 'nodes' && (field === 'value' || field === 'binding' || field === 'config')) return `${thing}, ${field}`;
    return thing;
  }
  if (list === 'datasets' && typeof index === 'string') return `dataset ${quote(index)}`;
  if (list === 'modules' && typeof index === 'string') {
    const inner = field === 'nodes' && typeof name === 'number' ? own(own(own(own(doc.modules, index), 'nodes'), name), 'id') : undefined;
    return `module ${quote(index)}${typeof inner === 'string' ? `, node ${quote(inner)}` : ''}`;
  }
  return undefined;
}

/**
 * Stable text: format and version first, two-space indent, numbers in shortest round-trip form.
 * Always writes the current version; composite module definitions come before the nodes that use them;
 * datasets go last because embedded data is the bulky part. With a `cache`, the same text, reusing that of
 * elements (node, edge, dataset, module) already written: only for documents never changed in place.
 */
export function serializeGraph(graph: Graph, cache?: GraphTextCache): string {
  const { name, seed, training, modules, nodes, edges, datasets, ...rest } = graph;
  const doc = {
    format: FILE_FORMAT, version: FILE_VERSION, name,
    ...(seed === undefined ? {} : { seed }), ...rest,
    ...(training === undefined ? {} : { training }),
    ...(modules === undefined ? {} : { modules }),
    nodes, edges,
    ...(datasets === undefined ? {} : { datasets }),
  };
  // The cache reuses the text of unchanged elements (the renderer's autosave of large documents).
  return cache ? documentText(doc, cache) : `${JSON.stringify(doc, null, 2)}\n`;
}
