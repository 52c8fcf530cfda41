// What the CLI makes of hostile files: keys that are Object.prototype members, deep nesting, other
// encodings. Every command exits 0 or 2 with one clear line, never 3 (an internal error).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-in-process.ts';

const lecture = JSON.parse(readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8')) as {
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
          if (!oneLine || /internal error/.test(r.stderr)) wrong.push(`${argv.join(' ')} → ${r.code}: ${r.stderr}`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});
