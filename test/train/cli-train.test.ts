// `train` as a user meets it: metrics on stdout, a trained file with --out, and one-line errors (exit 2)
// naming the file and the field for bad input.
import { describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraph } from '../../engine/index.ts';
import { trainCommand } from '../../cli/commands/train.ts';
import { exampleText, tinyXor } from './support.ts';

function fakeIo(files: Record<string, string>, isTTY = false) {
  const out: string[] = [], err: string[] = [], written: Record<string, string> = {};
  return {
    out, err, written,
    io: {
      stdout: (s: string) => { out.push(s); },
      stderr: (s: string) => { err.push(s); },
      isTTY,
      readFile: (p: string) => {
        if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return files[p]!;
      },
      writeFile: (p: string, s: string | Uint8Array) => { written[p] = typeof s === 'string' ? s : new TextDecoder().decode(s); },
    },
  };
}

describe('train command', () => {
  it('--json prints one line of final metrics and --out writes the trained graph', async () => {
    const t = fakeIo({ 'xor.bpgraph': exampleText('xor-mlp.bpgraph') });
    const code = await trainCommand(['xor.bpgraph', '--json', '--out', 'trained.bpgraph'], t.io);
    expect(code).toBe(0);
    expect(t.err.join('')).toBe(''); // not a terminal: no progress bar
    const lines = t.out.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!);
    expect(summary).toMatchObject({ state: 'done', epochs: 1000, trainAccuracy: 1 });
    expect(summary.trainLoss).toBeLessThan(0.01);
    const trained = parseGraphFile(t.written['trained.bpgraph']!);
    expect(trained.nodes.find((n) => n.id === 'fc1')!.params!.W!.data).toHaveLength(8);
    expect(trained.nodes[0]!.binding).toEqual({ dataset: 'data', field: 'features' });
  });

  it('flags override the saved settings and the human summary names them', async () => {
    const t = fakeIo({ 'm.bpgraph': exampleText('two-moons-tanh.bpgraph') });
    const code = await trainCommand(['m.bpgraph', '--epochs', '2', '--optimizer', 'sgd', '--lr', '0.1', '--batch', '50', '--seed', '4'], t.io);
    expect(code).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(/trained 2 epochs, 12 steps \(sgd lr 0.1 momentum 0, batch 50, seed 4\)/);
    expect(text).toMatch(/test accuracy \d+\.\d%/);
  });

  it('draws a progress bar on stderr when it is a terminal', async () => {
    const t = fakeIo({ 'x.bpgraph': exampleText('xor-mlp.bpgraph') }, true);
    await trainCommand(['x.bpgraph', '--epochs', '5'], t.io);
    expect(t.err.join('')).toMatch(/\r\[#+\] epoch 5\/5/);
  });

  it.each([
    ['a bad flag value', ['g.bpgraph', '--lr', 'fast'], /^backprop-studio train: --lr fast: expected a positive number\n$/],
    ['an unknown optimiser', ['g.bpgraph', '--optimizer', 'rmsprop'], /--optimizer rmsprop: expected sgd or adam/],
    ['a missing file', ['missing.bpgraph'], /missing\.bpgraph: cannot read/],
    ['a bad saved setting', ['bad.bpgraph'], /^backprop-studio train: bad\.bpgraph: training\.epochs: .+\n$/],
    ['a size that does not fit the dataset', ['wide.bpgraph'], /wide\.bpgraph: nodes\[0\]\.config\.size: node "x" has size 3 but dataset "d" has 2 feature columns/],
    ['an unbound input next to a bound target', ['half.bpgraph'], /half\.bpgraph: nodes\[0\]: node "x" \(input\) has no dataset binding/],
  ])('%s exits 2 with one line naming the file and the field', async (_what, args, message) => {
    const g = tinyXor();
    const files = {
      'g.bpgraph': serializeGraph(g),
      'bad.bpgraph': serializeGraph({ ...g, training: { epochs: 0 } }),
      'wide.bpgraph': serializeGraph({ ...g, nodes: g.nodes.map((n) => (n.id === 'x' ? { ...n, config: { size: 3 } } : n)) }),
      'half.bpgraph': serializeGraph({ ...g, nodes: g.nodes.map((n) => (n.id === 'x' ? { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [0, 1] } } : n)) }),
    };
    const t = fakeIo(files);
    const code = await trainCommand(args, t.io);
    expect(code).toBe(2);
    const err = t.err.join('');
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });
});
