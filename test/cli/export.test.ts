// `export FILE --to pytorch [--out FILE]` as a user meets it: the script on stdout or written to a
// file, and one-line errors (exit 2) naming what is wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../engine/index.ts';
import { exportPyTorch } from '../../interop/index.ts';
import { runCli } from '../support/cli-in-process.ts';

const spiral = readFileSync(new URL('../../examples/spiral-relu.bpgraph', import.meta.url), 'utf8');
const files = { 'spiral.bpgraph': spiral };

describe('export --to pytorch', () => {
  it('--out writes the script and says so', async () => {
    const r = await runCli(['export', 'spiral.bpgraph', '--to', 'pytorch', '--out', 'model.py'], files);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.files['model.py']).toBe(exportPyTorch(parseGraphFile(spiral)));
    expect(r.stdout).toBe(`wrote model.py (${Buffer.byteLength(r.files['model.py']!)} bytes)\n`);
  });

  it('without --out prints the script', async () => {
    const r = await runCli(['export', 'spiral.bpgraph', '--to=pytorch'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exportPyTorch(parseGraphFile(spiral)));
  });

  const cycle = JSON.stringify({
    format: 'backprop-studio-graph', version: 2, name: 'loop',
    nodes: [{ id: 'a', kind: 'sigmoid' }, { id: 'b', kind: 'tanh' }],
    edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 'in' }, { id: 'e2', source: 'b', target: 'a', targetPort: 'in' }],
  });
  it.each<[string, string[], RegExp]>([
    ['no --to', ['export', 'spiral.bpgraph'], /^backprop-studio export: --to is required: export FILE --to pytorch\|onnx\|svg\|png \[--out FILE\] \[--dtype float64\|float32\] \[--step N\]/],
    ['an unknown format', ['export', 'spiral.bpgraph', '--to', 'keras'], /^backprop-studio export: --to keras: expected pytorch, onnx, svg or png\n$/],
    ['an unknown option', ['export', 'spiral.bpgraph', '--to', 'pytorch', '--epochs', '3'], /unknown option --epochs/],
    ['an option of another format', ['export', 'spiral.bpgraph', '--to', 'pytorch', '--dtype', 'float32'], /^backprop-studio export: --dtype does not apply to --to pytorch\n$/],
    ['no file', ['export', '--to', 'pytorch'], /expected one FILE/],
    ['a missing file', ['export', 'missing.bpgraph', '--to', 'pytorch'], /missing\.bpgraph: cannot read \(no such file\)/],
    ['a graph that cannot run', ['export', 'loop.bpgraph', '--to', 'pytorch'], /^backprop-studio export: loop\.bpgraph: cannot export to pytorch: cycle: "a" → "b" → "a"\n$/],
  ])('exits 2 on %s, with one line', async (_what, argv, message) => {
    const r = await runCli(argv, { ...files, 'loop.bpgraph': cycle });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('is listed in the usage', async () => {
    expect((await runCli(['--help'])).stdout).toContain('export FILE --to pytorch|onnx|svg|png [--out FILE] [--dtype float64|float32] [--step N] [--scale S] [--background white|transparent] [--samples N]');
  });
});
