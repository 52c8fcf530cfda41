// What the CLI makes of hostile files: keys that are Object.prototype members, deep nesting, other
// encodings. Every command exits 0 or 2 with one clear line, never 3 (an internal error).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { runCli } from '../support/cli-in-process.ts';

const lectureText = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');
const lecture = JSON.parse(lectureText) as {
  nodes: Record<string, unknown>[]; edges: Record<string, unknown>[];
};

const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'] as const;

type Doc = typeof lecture & Record<string, unknown>;
const copy = (): Doc => structuredClone(lecture) as Doc;

/** A lecture graph with `name` in one place a key or a name from the file meets an object. */
const variants: Record<string, (name: string) => { text: string; node: string }> = {
  'parameter name': (name) => {
    const d = copy();
    (d.nodes[1]!.params as Record<string, unknown>) = JSON.parse(`{"W": {"shape": [1, 1], "data": [0.8]}, ${JSON.stringify(name)}: {"shape": [1, 1], "data": [1]}}`);
    return { text: JSON.stringify(d), node: 'w1' };
  },
  'node id': (name) => {
    const text = JSON.stringify(copy()).replaceAll('"w1"', JSON.stringify(name));
    return { text, node: name };
  },
  'kind': (name) => {
    const d = copy();
    d.nodes[2]!.kind = name;
    return { text: JSON.stringify(d), node: 'w1' };
  },
  'target port': (name) => {
    const d = copy();
    d.edges[0]!.targetPort = name;
    return { text: JSON.stringify(d), node: 'w1' };
  },
  'source port': (name) => {
    const d = copy();
    d.edges[0]!.sourcePort = name;
    return { text: JSON.stringify(d), node: 'w1' };
  },
  'config key': (name) => {
    const d = copy();
    const text = JSON.stringify(d).replace('"config":{"in":1', `"config":{${JSON.stringify(name)}:{"x":1},"in":1`);
    return { text, node: 'w1' };
  },
  'dataset name': (name) => {
    const d = copy();
    const text = JSON.stringify(d).replace(/^\{/, `{"datasets":{${JSON.stringify(name)}:{"source":"generated","generator":"xor","size":8}},`);
    return { text, node: 'w1' };
  },
  'binding dataset': (name) => {
    const d = copy();
    d.nodes[0]!.binding = { dataset: name, field: 'features' };
    return { text: JSON.stringify(d), node: 'w1' };
  },
};

const commands = (node: string): string[][] => [
  ['run', 'g.bpgraph'],
  ['gradcheck', 'g.bpgraph'],
  ['hessian', 'g.bpgraph', '--params', `${node}.W`],
  ['jacobian', 'g.bpgraph', '--node', node],
  ['train', 'g.bpgraph', '--epochs', '1', '--out', 'out.bpgraph'],
];

describe('keys named like Object.prototype members (constructor, toString, __proto__ …)', () => {
  for (const [where, make] of Object.entries(variants)) {
    for (const name of PROTO_NAMES) {
      it(`${where} ${JSON.stringify(name)}: every command exits 0 or 2 with one line`, async () => {
        const { text, node } = make(name);
        const wrong: string[] = [];
        for (const argv of commands(node)) {
          const r = await runCli(argv, { 'g.bpgraph': text });
          const oneLine = r.code === 0 || (r.code === 2 && r.stderr.trim().split('\n').length === 1);
          const refusedProto = name !== '__proto__' || where !== 'parameter name' || r.stderr.includes('nodes[1].params.__proto__: the key "__proto__" is not allowed');
          if (!oneLine || !refusedProto || /internal error/.test(r.stderr)) wrong.push(`${argv.join(' ')} → ${r.code}: ${r.stderr}`);
        }
        expect(wrong).toEqual([]);
        // a node "__proto__" once wrote its parameters into Object.prototype (results keyed by node id)
        expect(Object.keys(Object.prototype)).toEqual([]);
      });
    }
  }
});

/** The CLI over one file given as bytes, as the real one reads it from disk. */
async function runOnBytes(argv: string[], bytes: Uint8Array): Promise<{ code: number; stderr: string; written: string[] }> {
  let stderr = '';
  const written: string[] = [];
  const code = await main(argv, {
    stdout: () => undefined, stderr: (s) => { stderr += s; }, isTTY: false,
    readFile: (p) => { if (p !== 'g.bpgraph') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); return bytes; },
    writeFile: (p) => { written.push(p); },
  });
  return { code, stderr, written };
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
function utf16le(text: string): Uint8Array {
  const units = `\uFEFF${text}`;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) { out[2 * i] = units.charCodeAt(i) & 0xff; out[2 * i + 1] = units.charCodeAt(i) >> 8; }
  return out;
}

describe('the file as bytes: one reading rule with the app (engine/read-document.ts)', () => {
  it('reads UTF-8 with a byte-order mark', async () => {
    const r = await runOnBytes(['run', 'g.bpgraph'], new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(lectureText)]));
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses UTF-16 naming the encoding, in one line', async () => {
    const r = await runOnBytes(['run', 'g.bpgraph'], utf16le(lectureText));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('backprop-studio run: g.bpgraph: the file is UTF-16 (little-endian) text (it starts with that byte-order mark). Backprop Studio reads UTF-8 only; save it as UTF-8\n');
  });
});

describe('an unknown field nested 10^5 deep (8.6)', () => {
  const deep = lectureText.replace('"kind": "input"', `"kind": "input", "extra": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
  it.each(commands('w1'))('%s … is refused on read with exit 2, nothing written', async (...argv) => {
    const r = await runOnBytes(argv, utf8(deep));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backprop-studio \w+: g\.bpgraph: nodes\[0\]\.extra\.a\.a\.a: nested more than 64 levels deep/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.written).toEqual([]);
  });
});

describe('a wrong parameter length names the node and the parameter (8.18)', () => {
  it('nodes[3].params.W.data (node "w2", parameter W)', async () => {
    const text = lectureText.replace('"data": [-1.2]', '"data": [-1.2, 3]');
    const r = await runCli(['run', 'g.bpgraph'], { 'g.bpgraph': text });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('backprop-studio run: g.bpgraph: nodes[3].params.W.data (node "w2", parameter W): shape [1, 1] needs 1 numbers, found 2\n');
  });
});

it('run --json keeps a node called "__proto__" in its output', async () => {
  const text = JSON.stringify(lecture).replaceAll('"w1"', '"__proto__"');
  const r = await runCli(['run', 'g.bpgraph', '--json'], { 'g.bpgraph': text });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { nodes: object };
  expect(Object.hasOwn(out.nodes, '__proto__')).toBe(true);
});
