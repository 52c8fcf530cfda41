// Flags (issue 8.9): node:util parseArgs, strict decimal numbers, and errors that name the flag.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-in-process.ts';

const xor = readFileSync(new URL('../../examples/xor-mlp.bpgraph', import.meta.url), 'utf8');
const cli = (argv: string[]) => runCli(argv, { 'xor.bpgraph': xor });

/** Exit 2, one stderr line matching `message`, nothing written. */
async function refused(argv: string[], message: RegExp): Promise<void> {
  const r = await cli(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(Object.keys(r.files)).toEqual(['xor.bpgraph']);
}

describe('flags', () => {
  it('a value flag does not swallow the next flag', async () => {
    await refused(['train', 'xor.bpgraph', '--out', '--json'], /--out/);
    await refused(['train', 'xor.bpgraph', '--out='], /--out needs a value/);
  });

  it('numbers are plain decimals', async () => {
    await refused(['train', 'xor.bpgraph', '--epochs', '0x10'], /--epochs 0x10: expected/);
    await refused(['train', 'xor.bpgraph', '--lr', ' 0.5'], /--lr " 0\.5": expected/);
    await refused(['train', 'xor.bpgraph', '--lr', ''], /--lr/);
    await refused(['train', 'xor.bpgraph', '--epochs', '1_0'], /--epochs 1_0: expected/);
    await refused(['gradcheck', 'xor.bpgraph', '--eps', 'Infinity'], /--eps Infinity: expected/);
    await refused(['jacobian', 'xor.bpgraph', '--node', 'h', '--sample', '0b1'], /--sample 0b1: expected/);
    const ok = await cli(['train', 'xor.bpgraph', '--epochs', '2', '--lr', '5e-2', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).settings).toMatchObject({ epochs: 2, learningRate: 0.05 });
  });

  it('an out-of-range flag is the flag\'s error, not the file\'s', async () => {
    const r = await cli(['train', 'xor.bpgraph', '--epochs', '2000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--epochs 2000000: .*1000000/);
    expect(r.stderr).not.toMatch(/xor\.bpgraph|training\.epochs/);
    await refused(['train', 'xor.bpgraph', '--lr', '1000'], /--lr 1000: .*100/);
    await refused(['train', 'xor.bpgraph', '--batch', '1000000'], /--batch 1000000: .*100000/);
  });

  it('a switch takes no value, and unknown flags are named', async () => {
    await refused(['run', 'xor.bpgraph', '--json=yes'], /--json takes no value/);
    await refused(['run', 'xor.bpgraph', '-j'], /unknown option -j/);
    await refused(['run', 'xor.bpgraph', '--jsn'], /unknown option --jsn \(options: .*--json/);
  });
});
