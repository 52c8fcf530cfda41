// The .bpgraph file: lossless round trips, forward-compatible extra fields, errors with JSON paths.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, FILE_FORMAT, FILE_VERSION, GraphFileError, MAX_FILE_BYTES, parseGraphFile, serializeGraph, type Graph } from '../../engine/index.ts';
import { messyGraph } from './support/sample-graphs.ts';

const examplesDir = new URL('../../examples/', import.meta.url);

/** A valid file text with `edit` applied to the parsed JSON document. */
function fileWith(edit: (doc: Record<string, any>) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(serializeGraph(messyGraph()));
  edit(doc);
  return JSON.stringify(doc);
}

function errorOf(text: string): GraphFileError {
  try {
    parseGraphFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphFileError);
    return e as GraphFileError;
  }
  return expect.fail('the file parsed, but it should have been refused');
}

describe('graph file format', () => {
  it('round trip: parse(serialize(g)) deep-equals g, and the text is stable once normalised', () => {
    const g: Graph = { ...messyGraph(), name: 'messy', seed: 42 };
    g.nodes[0]!.position = { x: 12.5, y: -3 };
    const text = serializeGraph(g);
    expect(parseGraphFile(text)).toEqual(g);
    // the reader orders node keys as its schema does, so compare from the second write on
    const once = serializeGraph(parseGraphFile(text));
    expect(serializeGraph(parseGraphFile(once))).toBe(once);
  });

  it('writes the format marker and the current FILE_VERSION first', () => {
    const doc = JSON.parse(serializeGraph(messyGraph()));
    expect(Object.keys(doc).slice(0, 2)).toEqual(['format', 'version']);
    expect(doc.format).toBe(FILE_FORMAT);
    expect(doc.version).toBe(FILE_VERSION);
  });

  it('keeps numbers exactly (shortest round-trip form)', () => {
    const g = messyGraph();
    g.nodes[0]!.value!.data[0] = 0.1 + 0.2;
    g.nodes[0]!.value!.data[1] = -1e-300;
    expect(parseGraphFile(serializeGraph(g)).nodes[0]!.value!.data.slice(0, 2)).toEqual([0.1 + 0.2, -1e-300]);
  });

  it('unknown fields at the top level, in nodes, configs, tensors and edges survive a round trip', () => {
    const text = fileWith((d) => {
      d.futureTop = { a: [1, 2] };
      d.nodes[1].futureNode = 'kept';
      d.nodes[1].config.futureConfig = true;
      d.nodes[1].params.W.futureTensor = 3;
      d.edges[0].futureEdge = { color: 'red' };
    });
    const g = parseGraphFile(text);
    expect(g.futureTop).toEqual({ a: [1, 2] });
    expect(g.nodes[1]!.futureNode).toBe('kept');
    expect(g.nodes[1]!.config!.futureConfig).toBe(true);
    expect((g.nodes[1]!.params!.W as unknown as Record<string, unknown>).futureTensor).toBe(3);
    expect(g.edges[0]!.futureEdge).toEqual({ color: 'red' });
    expect(parseGraphFile(serializeGraph(g))).toEqual(g);
  });

  it('a missing sourcePort defaults to "out"', () => {
    expect(parseGraphFile(fileWith((d) => { delete d.edges[0].sourcePort; })).edges[0]!.sourcePort).toBe('out');
  });

  it('accepts a byte-order mark', () => {
    expect(parseGraphFile(`\uFEFF${serializeGraph(messyGraph())}`).nodes).toHaveLength(messyGraph().nodes.length);
  });

  it.each([
    ['a string in parameter data', (d: Record<string, any>) => { d.nodes[1].params.W.data[3] = 'x'; }, 'nodes[1].params.W.data[3]'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a non-finite number (1e999)', (d: Record<string, any>) => { d.nodes[0].value.data[2] = '__INF__'; }, 'nodes[0].value.data[2]'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a node id of the wrong type', (d: Record<string, any>) => { d.nodes[2].id = 7; }, 'nodes[2].id'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['an empty edge target', (d: Record<string, any>) => { d.edges[4].target = ''; }, 'edges[4].target'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a data length that does not fit the shape', (d: Record<string, any>) => { d.nodes[1].params.b.data.push(1); }, 'nodes[1].params.b.data'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a non-integer shape', (d: Record<string, any>) => { d.nodes[1].params.b.shape = [2.5]; }, 'nodes[1].params.b.shape[0]'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a non-finite position', (d: Record<string, any>) => { d.nodes[3].position = { x: '__INF__', y: 0 }; }, 'nodes[3].position.x'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['nodes not being an array', (d: Record<string, any>) => { d.nodes = {}; }, 'nodes'], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('%s is refused with its JSON path', (_what, edit, path) => {
    const err = errorOf(fileWith(edit).replaceAll('"__INF__"', '1e999'));
    expect(err.path).toBe(path);
    // the path, then what it points into (node "l1", parameter W) where it is inside a node or edge
    expect(err.message.startsWith(`${path}: `) || err.message.startsWith(`${path} (`)).toBe(true);
  });

  it('refuses a wrong format marker', () => {
    const err = errorOf(fileWith((d) => { d.format = 'some-other-tool'; }));
    expect(err.path).toBe('format');
    expect(err.message).toMatch(/expected "backprop-studio-graph", found "some-other-tool"/);
    expect(errorOf('{"nodes": [], "edges": []}').message).toMatch(/found nothing/);
  });

  it('refuses a file from a newer version, naming both versions', () => {
    const err = errorOf(fileWith((d) => { d.version = FILE_VERSION + 1; }));
    expect(err.path).toBe('version');
    expect(err.message).toContain(`version ${FILE_VERSION + 1}`);
    expect(err.message).toContain(`reads up to version ${FILE_VERSION}`);
  });

  it('reads every version from 1 up to FILE_VERSION into the same graph', () => {
    const g = parseGraphFile(serializeGraph(messyGraph()));
    for (let v = 1; v <= FILE_VERSION; v++) expect(parseGraphFile(fileWith((d) => { d.version = v; }))).toEqual(g);
  });

  it.each([[0], [1.5], ['1']])('refuses the version %j', (v) => {
    expect(errorOf(fileWith((d) => { d.version = v; })).path).toBe('version');
  });

  it('refuses malformed JSON and a non-object top level with an empty path', () => {
    const err = errorOf('{"format": "backprop-studio-graph",');
    expect(err.path).toBe('');
    expect(err.message).toMatch(/^not valid JSON/);
    expect(errorOf('[1, 2]').message).toBe('expected a JSON object at the top level');
  });

  it('refuses files larger than MAX_FILE_BYTES before parsing', () => {
    expect(MAX_FILE_BYTES).toBe(50 * 1024 * 1024);
    const err = errorOf(' '.repeat(MAX_FILE_BYTES + 1));
    expect(err.path).toBe('');
    expect(err.message).toMatch(/larger than 50 MB are refused/);
  });

  // The limit is named in bytes, but the check counts UTF-16 code units: 26 M two-byte characters
  // (52 MB as UTF-8 on disk) pass it.
  it('measures the 50 MB limit in bytes, not characters', () => {
    const big = serializeGraph({ name: 'é'.repeat(26 * 1024 * 1024), nodes: [], edges: [] });
    expect(new TextEncoder().encode(big).length).toBeGreaterThan(MAX_FILE_BYTES);
    expect(errorOf(big).message).toMatch(/larger than 50 MB are refused/);
  });

  it('every example file parses and compiles', () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.bpgraph'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const g = parseGraphFile(readFileSync(new URL(f, examplesDir), 'utf8'));
      expect(() => compileGraph(g).run(), f).not.toThrow();
    }
  });
});
