// Text from a file never reaches the terminal raw (issue 8.8): control characters in node ids, kinds and
// ports are escaped, a newline cannot split a message, and a 100k-character name cannot make a 100 kB line.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-in-process.ts';

const RETITLE = '\u001b]0;pwned\u0007', CLEAR = '\u001b[2J', CSI = '\u009b2J';
const LONG = 'n'.repeat(100_000);

/** A valid graph whose ids carry escape sequences (and one 100k-character id). */
function graph(ids: { x: string; fc: string; h: string; loss: string }, tweak: (g: { nodes: { id: string; kind: string }[]; edges: { targetPort: string }[] }) => void = () => {}): string {
  const g = {
    format: 'backprop-studio-graph', version: 2, name: `${CLEAR}name`,
    nodes: [
      { id: ids.x, kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [0.5] } },
      { id: ids.fc, kind: 'linear', config: { in: 1, out: 1 } },
      { id: ids.h, kind: 'sigmoid' },
      { id: 'y', kind: 'target', config: { size: 1 }, value: { shape: [1, 1], data: [0.25] } },
      { id: ids.loss, kind: 'mse' },
    ],
    edges: [
      { id: `${CLEAR}e1`, source: ids.x, target: ids.fc, targetPort: 'in' },
      { id: 'e2', source: ids.fc, target: ids.h, targetPort: 'in' },
      { id: 'e3', source: ids.h, target: ids.loss, targetPort: 'pred' },
      { id: 'e4', source: 'y', target: ids.loss, targetPort: 'target' },
    ],
  };
  tweak(g);
  return JSON.stringify(g);
}

const ids = { x: `${RETITLE}x`, fc: `fc${CLEAR}`, h: `h${CSI}\nnext line`, loss: LONG };
const files: Record<string, string> = {
  'ok.bpgraph': graph(ids),
  'kind.bpgraph': graph(ids, (g) => { g.nodes[2]!.kind = `sig${RETITLE}\nmoid\nthird line`; }),
  'port.bpgraph': graph(ids, (g) => { g.edges[0]!.targetPort = `${CLEAR}in\n`; }),
  'longkind.bpgraph': graph(ids, (g) => { g.nodes[2]!.kind = LONG; }),
};

const commands: string[][] = [
  ['run'], ['run', '--json'], ['gradcheck'], ['gradcheck', '--json'], ['hessian', '--params', `fc${CLEAR}.W`], ['jacobian', '--node', `fc${CLEAR}`],
  ['jacobian', '--node', `no${CLEAR}such`], ['train', '--epochs', '2'], ['export', '--to', 'pytorch'],
];
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('file text is quoted in every message and table', () => {
  const runs = Object.keys(files).flatMap((file) => commands.map((c) => [file, c] as const));
  it.each(runs)('%s %j', async (file, [command, ...flags]) => {
    const r = await runCli([command!, file, ...flags], files);
    expect(r.code).not.toBe(3); // never an internal error
    for (const [stream, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
      const raw = RAW_CONTROL.exec(text);
      expect(raw, `${stream} holds U+${raw?.[0].codePointAt(0)!.toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 30), (raw?.index ?? 0) + 30))}`).toBeNull();
      if (!flags.includes('--json') && command !== 'export') {
        const longest = Math.max(...text.split('\n').map((l) => l.length));
        expect(longest, `${stream} has a line of ${longest} characters`).toBeLessThanOrEqual(300);
      }
    }
    if (r.code === 2) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  });
});
