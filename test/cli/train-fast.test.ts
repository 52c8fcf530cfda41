// `train --fast` (issue 14.2): trains on the float32 path, says so, and saves float64 parameters that
// are the trained float32 values widened.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../engine/index.ts';
import { runCli } from '../support/cli-in-process.ts';

const xor = readFileSync(new URL('../../examples/xor-mlp.bpgraph', import.meta.url), 'utf8');

describe('train --fast', () => {
  it('says float32 in its summary and not without the flag', async () => {
    const fast = await runCli(['train', 'xor.bpgraph', '--epochs', '20', '--fast'], { 'xor.bpgraph': xor });
    expect(fast.code).toBe(0);
    expect(fast.stdout.split('\n')[0]).toMatch(/seed 1, float32\) in /);
    const exact = await runCli(['train', 'xor.bpgraph', '--epochs', '20'], { 'xor.bpgraph': xor });
    expect(exact.stdout).not.toContain('float32');
  });

  it('reports its precision in --json and writes the float32 values as the saved parameters', async () => {
    const r = await runCli(['train', 'xor.bpgraph', '--epochs', '20', '--fast', '--json', '--out', 'out.bpgraph'], { 'xor.bpgraph': xor });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ precision: 'float32', state: 'done' });
    const saved = parseGraphFile(r.files['out.bpgraph']!);
    const before = parseGraphFile(xor);
    for (const n of saved.nodes.filter((n) => n.kind === 'linear')) {
      const W = n.params!.W!.data;
      expect(W.every((v) => Math.fround(v) === v)).toBe(true);
      expect(W).not.toEqual(before.nodes.find((m) => m.id === n.id)!.params?.W?.data);
    }
  });
});
