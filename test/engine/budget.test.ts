// Sizes inside the format's limits (issue 8.5) are refused before allocating, with a typed error that
// names the node, the buffer and its size in human units: in the engine and the CLI (the app's run path:
// test/renderer/engine-client/run-document-budget.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BudgetError, compileGraph, createTrainer, formatBytes, parseGraphFile, type Graph } from '../../engine/index.ts';
import { runCli } from '../support/cli-in-process.ts';

/** x [1, n] → fc1 (n→out) → mse against y [1, out]. */
function linear(n: number, out: number): Graph {
  return parseGraphFile(JSON.stringify({
    format: 'backprop-studio-graph', version: 2, name: 'big',
    nodes: [
      { id: 'x', kind: 'input', config: { size: n } },
      { id: 'fc1', kind: 'linear', config: { in: n, out } },
      { id: 'y', kind: 'target', config: { size: out } },
      { id: 'loss', kind: 'mse' },
    ],
    edges: [
      { id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' }, { id: 'e2', source: 'fc1', target: 'loss', targetPort: 'pred' },
      { id: 'e3', source: 'y', target: 'loss', targetPort: 'target' },
    ],
  }));
}

const moons = readFileSync(new URL('../../examples/two-moons-tanh.bpgraph', import.meta.url), 'utf8');
/** The moons example with 10⁵ samples, batch 10⁵ and a first layer `width` wide. */
function bigMoons(width: number): string {
  const g = JSON.parse(moons);
  g.datasets.data.size = 100_000;
  g.training.batchSize = 100_000;
  g.nodes.find((n: { id: string }) => n.id === 'fc1').config.out = width;
  g.nodes.find((n: { id: string }) => n.id === 'fc2').config.in = width;
  return JSON.stringify(g);
}

describe('formatBytes', () => {
  it('says sizes in decimal units', () => {
    expect([0, 999, 1000, 16e6, 5368709120, 8e12].map(formatBytes)).toEqual(['0 B', '999 B', '1 kB', '16 MB', '5.37 GB', '8 TB']);
  });
});

describe('the engine refuses a program above its budget before allocating', () => {
  it('linear out = 10⁶ after 10⁶ inputs: W [1000000, 1000000] needs 8 TB', () => {
    let error: unknown;
    try { compileGraph(linear(1_000_000, 1_000_000)); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(BudgetError);
    expect((error as BudgetError).nodeId).toBe('fc1');
    expect((error as Error).message).toMatch(/^node "fc1": W \[1000000, 1000000\] needs 8 TB; the graph needs 16 TB at batch 1, more than the 1 GB a run may use$/);
  });

  it('an output at a large batch names the output', () => {
    expect(() => compileGraph(linear(2, 1_000_000), { batch: 100_000 })).toThrow(/node "(fc1|y|loss)": .*\[100000, 1000000\] needs 800 GB/);
  });

  it('what fits compiles as before', () => {
    expect(compileGraph(linear(100, 100), { batch: 32 }).batch).toBe(32);
  });

  it('training moons with 10⁵ samples (75,000 for training) in batches of 10⁵ is refused at width 10⁶ and at width 5,000', () => {
    expect(() => createTrainer(parseGraphFile(bigMoons(1_000_000)))).toThrow(/\[75000, 1000000\] needs 600 GB/);
    expect(() => createTrainer(parseGraphFile(bigMoons(5_000)))).toThrow(/\[75000, 5000\] needs 3 GB/);
  });
});

describe('the CLI says so in one line, exit 2', () => {
  const file = JSON.stringify({
    format: 'backprop-studio-graph', version: 2, name: 'big',
    nodes: [{ id: 'x', kind: 'input', config: { size: 1 } }, { id: 'fc1', kind: 'linear', config: { in: 1, out: 1_000_000 } },
      { id: 'fc2', kind: 'linear', config: { in: 1_000_000, out: 1_000_000 } }],
    edges: [{ id: 'e1', source: 'x', target: 'fc1', targetPort: 'in' }, { id: 'e2', source: 'fc1', target: 'fc2', targetPort: 'in' }],
  });
  it.each([['run'], ['gradcheck'], ['jacobian', '--node', 'fc1'], ['hessian', '--params', 'fc1.b']])('%s', async (command, ...flags) => {
    const r = await runCli([command, 'big.bpgraph', ...flags], { 'big.bpgraph': file });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/big\.bpgraph: node "fc2": W \[1000000, 1000000\] needs 8 TB/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('train', async () => {
    const r = await runCli(['train', 'moons.bpgraph'], { 'moons.bpgraph': bigMoons(5_000) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^backprop-studio train: moons\.bpgraph: node "[a-z0-9]+": .*\[75000, 5000\] needs 3 GB/);
  });

  it('a Jacobian too large for its matrix budget names the node and the size', async () => {
    const wide = JSON.stringify({
      format: 'backprop-studio-graph', version: 2, name: 'wide',
      nodes: [{ id: 'x', kind: 'input', config: { size: 1000 } }, { id: 'fc', kind: 'linear', config: { in: 1000, out: 1000 } }],
      edges: [{ id: 'e1', source: 'x', target: 'fc', targetPort: 'in' }],
    });
    const r = await runCli(['jacobian', 'w.bpgraph', '--node', 'fc'], { 'w.bpgraph': wide });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/node "fc": the Jacobian d\(out\)\/d\("W"\) \[1000, 1000000\] needs 8 GB, more than the 256 MB a matrix may use/);
  });
});
