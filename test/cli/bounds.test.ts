// Long commands (issue 8.7): the Hessian's text output stays a readable size at any entry count, a
// gradient check past its stated bound is refused before it starts, and both show progress on a terminal.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';
import { runCli } from '../support/cli-in-process.ts';

/** x [1, n] → fc (n→width) → tanh → fc2 (width→1) → mse with y. */
function wide(width: number, n = 1, values?: number[]): string {
  return JSON.stringify({
    format: 'backprop-studio-graph', version: 2, name: 'wide', seed: 1,
    nodes: [
      { id: 'x', kind: 'input', config: { size: n }, value: { shape: [1, n], data: values ?? Array.from({ length: n }, (_, i) => (i % 7) / 10) } },
      { id: 'fc', kind: 'linear', config: { in: n, out: width } },
      { id: 'h', kind: 'tanh' },
      { id: 'fc2', kind: 'linear', config: { in: width, out: 1 } },
      { id: 'y', kind: 'target', config: { size: 1 }, value: { shape: [1, 1], data: [0.25] } },
      { id: 'loss', kind: 'mse' },
    ],
    edges: [
      { id: 'e1', source: 'x', target: 'fc', targetPort: 'in' }, { id: 'e2', source: 'fc', target: 'h', targetPort: 'in' },
      { id: 'e3', source: 'h', target: 'fc2', targetPort: 'in' }, { id: 'e4', source: 'fc2', target: 'loss', targetPort: 'pred' },
      { id: 'e5', source: 'y', target: 'loss', targetPort: 'target' },
    ],
  });
}

const longest = (text: string): number => Math.max(0, ...text.split('\n').map((l) => l.length));

describe('hessian text output', () => {
  it.each([[200, 400], [500, 1000]])('width %i (%i entries) prints a summary, not an n² table, and exits 0', async (width, entries) => {
    const r = await runCli(['hessian', 'g.bpgraph', '--params', 'fc.W,fc.b'], { 'g.bpgraph': wide(width) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${entries}×${entries}`);
    expect(r.stdout).toMatch(/--json/);
    expect(longest(r.stdout)).toBeLessThanOrEqual(300);
    expect(r.stdout.split('\n').length).toBeLessThan(40);
  });

  it('a small Hessian is still a full table', async () => {
    const r = await runCli(['hessian', 'g.bpgraph', '--params', 'fc.W,fc.b'], { 'g.bpgraph': wide(2) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(6); // the order, a header row, four rows
  });
});

describe('gradcheck refuses work past its bound', () => {
  it('10⁶ input values: exit 2 at once, naming the size and the bound', async () => {
    const started = performance.now();
    const r = await runCli(['gradcheck', 'g.bpgraph'], { 'g.bpgraph': wide(1, 1_000_000, new Array(1_000_000).fill(0.5)) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/gradient check of this graph compares 3·10⁶ entries \(the most: node "x", value \[1, 1000000\]\).*more than the 1·10¹⁰ allowed/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

describe('progress', () => {
  async function withTerminal(argv: string[], files: Record<string, string>, isTTY: boolean) {
    let stdout = '', stderr = '';
    const io: CliIo = {
      stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY,
      readFile: (p) => files[p]!, writeFile: () => {},
    };
    return { code: await main(argv, io), stdout, stderr };
  }

  it('gradcheck and hessian report progress on a terminal, and nothing when stderr is not one', async () => {
    const files = { 'g.bpgraph': wide(20) };
    const grad = await withTerminal(['gradcheck', 'g.bpgraph'], files, true);
    expect(grad.code).toBe(0);
    expect(grad.stderr).toMatch(/gradcheck: \d+\/\d+ entries/);
    const hess = await withTerminal(['hessian', 'g.bpgraph', '--params', 'fc.W'], files, true);
    expect(hess.stderr).toMatch(/hessian: 20\/20 columns/);
    expect((await withTerminal(['gradcheck', 'g.bpgraph'], files, false)).stderr).toBe('');
  });
});
