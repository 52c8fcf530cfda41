// Issue 12.6/12.7: models exported by torch.onnx.export (scripts/make-onnx-fixtures.py; the fixtures
// are committed, so this test needs no torch) import as graphs that give torch's outputs on torch's
// inputs: to 1e-12 for the float64 model, 1e-5 for float32 ones (the engine computes in float64 from
// the float32 weights). A model with operators the import lacks is refused naming each one and node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../engine/index.ts';
import { importOnnx } from '../../interop/index.ts';
import { requireTorch } from '../support/torch.ts';
import { engineRun } from './support/onnx-cases.ts';

const dir = new URL('../fixtures/onnx/', import.meta.url);
type Values = Record<string, { shape: number[]; data: number[] }>;
interface Fixture { dtype: 'float32' | 'float64'; inputs: Values; outputs: Values }
const fixture = (name: string): { bytes: Uint8Array; record: Fixture } => ({
  bytes: new Uint8Array(readFileSync(new URL(`${name}.onnx`, dir))),
  record: JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Fixture,
});

const fed = (g: Graph, inputs: Values): Graph => ({ ...g, nodes: g.nodes.map((n) => (inputs[n.id] ? { ...n, value: inputs[n.id] } : n)) });

describe('ONNX models made by torch.onnx.export', () => {
  it.each([
    ['relu-mlp', ['x', 'fc1', 'relu', 'output']],
    ['classifier', ['x', 'net_0', 'net_1', 'net_2', 'net_3', 'net_4', 'output']],
    ['two-inputs', ['a', 'b', 'left', 'relu', 'tanh', 'concat', 'mix', 'sigmoid', 'mul', 'output']],
  ])('%s imports with torch\'s names and gives torch\'s outputs', (name, ids) => {
    const { bytes, record } = fixture(name);
    const graph = importOnnx(bytes);
    expect(graph.nodes.map((n) => n.id)).toEqual([...ids, 'output_target', 'output_loss']);
    const run = engineRun(fed(graph, record.inputs));
    const tol = record.dtype === 'float64' ? 1e-12 : 1e-5;
    for (const [id, expected] of Object.entries(record.outputs)) {
      const got = run.nodes[id]!.output;
      expect(got.shape).toEqual(expected.shape);
      got.data.forEach((v, i) => expect(Math.abs(v - expected.data[i]!), `${name}: ${id}[${i}]`).toBeLessThanOrEqual(tol));
    }
    expect(run.loss).toBeGreaterThan(0);
  });

  it('refuses layer normalisation, naming each operator and node', () => {
    expect(() => importOnnx(fixture('layernorm').bytes)).toThrow(/^unsupported ONNX operators: Sub \(node "\/norm\/Sub"\), Pow \(node "\/norm\/Pow"\), .*Sqrt \(node "\/norm\/Sqrt"\), Div \(node "\/norm\/Div"\);/);
  });
});

describe('scripts/make-onnx-fixtures.py', () => {
  it('makes the committed fixtures (run with this machine\'s torch into a temporary folder)', (ctx) => {
    const python = requireTorch(ctx);
    const out = mkdtempSync(join(tmpdir(), 'bps-onnx-fixtures-'));
    try {
      const script = fileURLToPath(new URL('../../scripts/make-onnx-fixtures.py', import.meta.url));
      const r = spawnSync(python, [script, out], { encoding: 'utf8', timeout: 170_000 });
      expect(r.status, r.stderr).toBe(0);
      const committed = readdirSync(dir).sort();
      expect(readdirSync(out).sort()).toEqual(committed);
      for (const file of committed) {
        const made = readFileSync(join(out, file)), kept = readFileSync(new URL(file, dir));
        if (file.endsWith('.json')) expect(JSON.parse(made.toString('utf8')), file).toEqual(JSON.parse(kept.toString('utf8')));
        else expect(new Uint8Array(made), file).toEqual(new Uint8Array(kept));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
