import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-in-process.ts';

const lecture = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');

/** Runs the CLI in-process over an in-memory file system holding the lecture example. */
const cli = (argv: string[], files: Record<string, string> = { 'lecture.bpgraph': lecture }) => runCli(argv, files);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('run --json', () => {
  it('prints exactly one JSON object with the lecture values', async () => {
    const { code, stdout, stderr } = await cli(['run', 'lecture.bpgraph', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout);
    const h1 = sigmoid(0.8 * 1.5), h2 = sigmoid(-1.2 * h1);
    expect(out.loss).toBeCloseTo(0.5 * (0.25 - h2) ** 2, 15);
    expect(out.order).toEqual(['x', 'w1', 'h1', 'w2', 'h2', 'y', 'loss']);
    expect(out.nodes.w2.params.W.grad.data[0]).toBeCloseTo((h2 - 0.25) * h2 * (1 - h2) * h1, 14);
    expect(out.edges['e-h2-loss'].grad.shape).toEqual([1, 1]);
    expect(out.edges['e-h2-loss'].grad.data[0]).toBeCloseTo(h2 - 0.25, 15);
    expect(Object.keys(out.edges)).toHaveLength(6);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await cli(['run', 'lecture.bpgraph']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^loss L = 5\.9526e-4/);
    expect(stdout).toMatch(/w2\s+linear\s+\[-0\.92223\]/);
  });
});

describe('a node not wired yet (issue 10.12): the CLI runs the wired part, as the canvas does', () => {
  const withDangling = (extra: object[] = [], edges: object[] = []): string => {
    const doc = JSON.parse(lecture) as { nodes: object[]; edges: object[] };
    doc.nodes.push({ id: 'linear9', kind: 'linear', config: { in: 1, out: 1 } }, { id: 'tanh9', kind: 'tanh' }, ...extra);
    doc.edges.push({ id: 'e-9', source: 'linear9', sourcePort: 'out', target: 'tanh9', targetPort: 'in' }, ...edges);
    return JSON.stringify(doc);
  };

  it('exits 0 with the lecture numbers and a warning naming the unwired nodes', async () => {
    const whole = await cli(['run', 'lecture.bpgraph', '--json']);
    const { code, stdout, stderr } = await cli(['run', 'dangling.bpgraph', '--json'], { 'dangling.bpgraph': withDangling() });
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^warning: dangling\.bpgraph: not wired yet, left out of the run: "linear9", "tanh9"/);
    const out = JSON.parse(stdout), lectureOut = JSON.parse(whole.stdout);
    expect(out.loss).toBe(lectureOut.loss);
    expect(out.order).toEqual(lectureOut.order);
    expect(out.edges).toEqual(lectureOut.edges);
  });

  it('gives the same warning to the other commands that run the graph (gradcheck)', async () => {
    const { code, stderr } = await cli(['gradcheck', 'dangling.bpgraph'], { 'dangling.bpgraph': withDangling() });
    expect(code).toBe(0);
    expect(stderr).toMatch(/not wired yet, left out of the run: "linear9", "tanh9"/);
  });

  it('still refuses, exit 2, when something besides wiring is wrong', async () => {
    const bad = withDangling([{ id: 'w9', kind: 'linear', config: { in: 3, out: 1 } }], [{ id: 'e-w9', source: 'h1', sourcePort: 'out', target: 'w9', targetPort: 'in' }]);
    const { code, stdout, stderr } = await cli(['run', 'bad.bpgraph'], { 'bad.bpgraph': bad });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/w9/);
    expect(stderr).not.toMatch(/linear9/);
  });
});

describe('bad input exits 2 with one line naming the file and what is wrong', () => {
  const cases: [string, string, RegExp][] = [
    ['missing file', '', /missing\.bpgraph: cannot read \(no such file\)/],
    ['malformed JSON', '{oops', /bad\.bpgraph: not valid JSON/],
    ['wrong marker', '{"format":"x","version":1,"nodes":[],"edges":[]}', /bad\.bpgraph: format: expected "backprop-studio-graph"/],
    ['non-numeric parameter', '{"format":"backprop-studio-graph","version":1,"nodes":[{"id":"a","kind":"linear","params":{"W":{"shape":[1,1],"data":["x"]}}}],"edges":[]}', /nodes\[0\]\.params\.W\.data\[0\]/],
    ['cycle', '{"format":"backprop-studio-graph","version":1,"nodes":[{"id":"a","kind":"sigmoid"},{"id":"b","kind":"tanh"}],"edges":[{"id":"e1","source":"a","target":"b","targetPort":"in"},{"id":"e2","source":"b","target":"a","targetPort":"in"}]}', /cycle: "a" → "b" → "a"/],
  ];
  it.each(cases)('%s', async (_name, text, message) => {
    const file = text ? 'bad.bpgraph' : 'missing.bpgraph';
    const { code, stdout, stderr } = await cli(['run', file], text ? { 'bad.bpgraph': text } : {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('unknown options and commands', async () => {
    expect((await cli(['run', 'lecture.bpgraph', '--jsn'])).stderr).toMatch(/unknown option --jsn/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['hessian', 'lecture.bpgraph'])).stderr).toMatch(/--params is required/);
    const bad = await cli(['hessian', 'lecture.bpgraph', '--params', 'w1.Q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/node "w1" \(linear\) has no parameter "Q"/);
  });
});

describe('hessian', () => {
  it('states the row order and is symmetric', async () => {
    const { code, stdout } = await cli(['hessian', 'lecture.bpgraph', '--params', 'w1.W,w2.W', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.order).toEqual(['w1.W[0,0]', 'w2.W[0,0]']);
    expect(out.hessian.shape).toEqual([2, 2]);
    expect(out.hessian.data[1]).toBeCloseTo(out.hessian.data[2], 15);
    const text = await cli(['hessian', 'lecture.bpgraph', '--params', 'w1.W,w2.W']);
    expect(text.stdout).toMatch(/rows and columns in this order: w1\.W\[0,0\], w2\.W\[0,0\]/);
  });
});

describe('gradcheck', () => {
  it('passes on the lecture example and reports every checked node', async () => {
    const { code, stdout } = await cli(['gradcheck', 'lecture.bpgraph', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.passed).toBe(true);
    expect(report.nodes.map((n: { nodeId: string }) => n.nodeId)).toEqual(['x', 'w1', 'h1', 'w2', 'h2', 'y', 'loss']);
  });

  it('exits 1 when the tolerance cannot be met', async () => {
    const { code, stdout } = await cli(['gradcheck', 'lecture.bpgraph', '--eps', '0.5', '--atol', '0', '--rtol', '1e-12']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAILED/);
  });
});

describe('jacobian', () => {
  it('prints the local Jacobians of a node for a sample', async () => {
    const { code, stdout } = await cli(['jacobian', 'lecture.bpgraph', '--node', 'h1', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const h1 = sigmoid(0.8 * 1.5);
    expect(out.jacobians.in.shape).toEqual([1, 1]);
    expect(out.jacobians.in.data[0]).toBeCloseTo(h1 * (1 - h1), 15);
    const linear = JSON.parse((await cli(['jacobian', 'lecture.bpgraph', '--node', 'w2', '--json'])).stdout);
    expect(linear.jacobians.in.data).toEqual([-1.2]);
    expect(linear.jacobians.W.data[0]).toBeCloseTo(h1, 15);
  });

  it('refuses a sample outside the batch and a missing node', async () => {
    expect((await cli(['jacobian', 'lecture.bpgraph', '--node', 'h1', '--sample', '3'])).stderr).toMatch(/sample 3 is outside the batch 0…0/);
    const missing = await cli(['jacobian', 'lecture.bpgraph', '--node', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no node "nope"/);
  });
});
