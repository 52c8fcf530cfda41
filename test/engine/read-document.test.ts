// The one reading rule (engine/read-document.ts): bytes or text → Graph, or a GraphFileError with a
// JSON path and a typed problem. Encoding, nesting and "__proto__" keys (issue 8.4, 8.6, 8.10, 8.18).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphFileError, MAX_FILE_BYTES, MAX_NESTING, parseGraphFile, readDocument, serializeGraph } from '../../engine/index.ts';
import { messyGraph } from './support/sample-graphs.ts';

const lectureText = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  const units = bom ? `\uFEFF${text}` : text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}

function refusal(input: Uint8Array | string): GraphFileError {
  try {
    readDocument(input);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphFileError);
    return e as GraphFileError;
  }
  return expect.fail('the document was read, but it should have been refused');
}

/** The lecture graph with an unknown field nested `depth` levels deep in its first node. */
function nested(depth: number): string {
  return lectureText.replace('"kind": "input"', `"kind": "input", "extra": ${'['.repeat(depth)}${']'.repeat(depth)}`);
}

describe('encoding: UTF-8 only, the same rule for bytes and text', () => {
  it('reads UTF-8 bytes, with or without a byte-order mark, as the text reads', () => {
    const graph = parseGraphFile(lectureText);
    expect(readDocument(utf8(lectureText)).graph).toEqual(graph);
    expect(readDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(lectureText)])).graph).toEqual(graph);
  });

  it.each([
    ['UTF-16 (little-endian)', utf16(lectureText, true)],
    ['UTF-16 (big-endian)', utf16(lectureText, false)],
    ['UTF-32 (little-endian)', new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])],
  ])('refuses %s text, naming the encoding', (name, bytes) => {
    const e = refusal(bytes);
    expect(e.problem).toBe('encoding');
    expect(e.message).toContain(`is ${name} text`);
    expect(e.message).toContain('save it as UTF-8');
  });

  it('refuses NUL bytes (UTF-16 without a byte-order mark) and invalid UTF-8, with the byte offset', () => {
    expect(refusal(utf16(lectureText, true, false)).message).toMatch(/NUL byte at byte 1: UTF-16 or UTF-32 text without a byte-order mark/);
    const latin1 = utf8(lectureText.replace('Lecture', 'Lecture\u00e9'));
    const at = latin1.indexOf(0xc3);
    latin1[at + 1] = 0x20; // é in Latin-1 is a lone lead byte here
    expect(refusal(latin1).message).toBe(`the file is not valid UTF-8 (byte ${at}). Backprop Studio reads UTF-8 only; save it as UTF-8`);
    expect(refusal(`${lectureText.slice(0, 10)}\0${lectureText.slice(10)}`).message).toMatch(/NUL character at position 10/);
  });

  it('counts the size limit in bytes, for bytes and text alike', () => {
    expect(refusal(new Uint8Array(MAX_FILE_BYTES + 1)).problem).toBe('too-large');
    expect(refusal('é'.repeat(MAX_FILE_BYTES / 2 + 1)).problem).toBe('too-large');
  });
});

describe('nesting', () => {
  it(`reads a file nested ${MAX_NESTING} levels deep (unknown fields kept)`, () => {
    const g = readDocument(nested(MAX_NESTING - 3)).graph; // top level, nodes, the node: 3 levels
    expect(JSON.stringify(g.nodes[0]!.extra)).toBe(`${'['.repeat(MAX_NESTING - 3)}${']'.repeat(MAX_NESTING - 3)}`);
  });

  it.each([MAX_NESTING - 2, 10_000, 100_000])('refuses an unknown field nested %i levels below a node, naming where', (depth) => {
    const e = refusal(nested(depth));
    expect(e.problem).toBe('too-deep');
    expect(e.path).toBe('nodes[0].extra[0][0][0]');
    expect(e.message).toMatch(new RegExp(`^nodes\\[0\\]\\.extra\\[0\\]\\[0\\]\\[0\\]: nested more than ${MAX_NESTING} levels deep`));
  });

  it('brackets inside strings do not count', () => {
    const text = lectureText.replace('"kind": "input"', `"kind": "input", "note": "${'['.repeat(1000)}\\"{{"`);
    expect(readDocument(text).graph.nodes[0]!.note).toBe(`${'['.repeat(1000)}"{{`);
  });
});

describe('"__proto__" keys are refused with their path, never dropped', () => {
  it.each([
    ['the top level', '{"__proto__": {"a": 1}, ', '__proto__'],
    ['a node', '"kind": "input", "__proto__": 1, ', 'nodes[0].__proto__'],
    ['parameters', '"params": { "__proto__": {"shape": [1], "data": [1]}, ', 'nodes[1].params.__proto__'],
  ])('in %s', (_where, insert, path) => {
    const text = insert.startsWith('{') ? lectureText.replace('{', insert)
      : insert.startsWith('"params"') ? lectureText.replace('"params": { ', insert) : lectureText.replace('"kind": "input", ', insert);
    const e = refusal(text);
    expect(e.problem).toBe('proto-key');
    expect(e.path).toBe(path);
    expect(e.message).toBe(`${path}: the key "__proto__" is not allowed (JavaScript objects cannot hold it, so its content would be lost); rename it`);
  });
});

describe('a schema error names the node and the parameter as well as the path (8.18)', () => {
  it('a wrong parameter length', () => {
    const doc = JSON.parse(serializeGraph(messyGraph()));
    doc.nodes[1].params.b.data.push(1);
    const e = refusal(JSON.stringify(doc));
    expect(e.path).toBe('nodes[1].params.b.data');
    expect(e.message).toMatch(new RegExp(`^nodes\\[1\\]\\.params\\.b\\.data \\(node "${doc.nodes[1].id}", parameter b\\): shape \\[\\d+\\] needs \\d+ numbers, found \\d+$`));
  });

  it('an edge and a node value', () => {
    const doc = JSON.parse(serializeGraph(messyGraph()));
    doc.edges[0].target = '';
    expect(refusal(JSON.stringify(doc)).message).toMatch(new RegExp(`^edges\\[0\\]\\.target \\(edge "${doc.edges[0].id}"\\): `));
    const doc2 = JSON.parse(serializeGraph(messyGraph()));
    doc2.nodes[0].value.data[0] = 'x';
    expect(refusal(JSON.stringify(doc2)).message).toMatch(new RegExp(`^nodes\\[0\\]\\.value\\.data\\[0\\] \\(node "${doc2.nodes[0].id}", value\\): `));
  });
});
