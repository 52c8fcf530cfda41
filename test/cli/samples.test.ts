// Dataset-bound graphs on the CLI (issue 8.16): run, gradcheck, hessian and jacobian use the same first
// training samples as the canvas (PREVIEW_SAMPLES, or --samples N), not zeros, and say which on stderr.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, PREVIEW_SAMPLES, withDatasetPreview } from '../../engine/index.ts';
import { runCli } from '../support/cli-in-process.ts';

const moons = readFileSync(new URL('../../examples/two-moons-tanh.bpgraph', import.meta.url), 'utf8');
const lecture = readFileSync(new URL('../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8');
const cli = (argv: string[]) => runCli(argv, { 'moons.bpgraph': moons, 'lecture.bpgraph': lecture });
const said = (n: number) => new RegExp(`^using training samples 0–${n - 1} of dataset "data" \\(moons, seed 3; 300 training samples\\)\\n$`);

describe('bound graphs run on the canvas samples', () => {
  it('run: the values and the loss of the canvas preview', async () => {
    const r = await cli(['run', 'moons.bpgraph', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(said(PREVIEW_SAMPLES));
    const canvas = compileGraph(withDatasetPreview(parseGraphFile(moons), PREVIEW_SAMPLES));
    const loss = canvas.run();
    const out = JSON.parse(r.stdout);
    expect(out.loss).toBe(loss);
    expect(out.nodes.x.output.data).toEqual(Array.from(canvas.node('x').frame.out.data));
    expect(out.nodes.x.output.data.some((v: number) => v !== 0)).toBe(true);
  });

  it('gradcheck checks real gradients, not zeros', async () => {
    const r = await cli(['gradcheck', 'moons.bpgraph', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toMatch(said(PREVIEW_SAMPLES));
    const report = JSON.parse(r.stdout);
    const fc1 = report.nodes.find((n: { nodeId: string }) => n.nodeId === 'fc1');
    const W = fc1.tensors.find((t: { name: string }) => t.name === 'W');
    expect(Math.abs(W.worst.analytic)).toBeGreaterThan(1e-6);
    expect(report.nodes.find((n: { nodeId: string }) => n.nodeId === 'x').tensors[0].shape).toEqual([PREVIEW_SAMPLES, 2]);
  });

  it('--samples N picks the first N, for every command', async () => {
    const run = await cli(['run', 'moons.bpgraph', '--samples', '8', '--json']);
    expect(run.stderr).toMatch(said(8));
    expect(JSON.parse(run.stdout).nodes.x.output.shape).toEqual([8, 2]);
    const hess = await cli(['hessian', 'moons.bpgraph', '--params', 'fc3.b', '--samples', '8', '--json']);
    expect(hess.code, hess.stderr).toBe(0);
    expect(hess.stderr).toMatch(said(8));
    expect(JSON.parse(hess.stdout).hessian.data.some((v: number) => v !== 0)).toBe(true);
    const jac = await cli(['jacobian', 'moons.bpgraph', '--node', 'h1', '--sample', '7', '--samples', '8', '--json']);
    expect(jac.code, jac.stderr).toBe(0);
    expect(jac.stderr).toMatch(said(8));
    expect((await cli(['jacobian', 'moons.bpgraph', '--node', 'h1', '--sample', '8', '--samples', '8'])).code).toBe(2);
  });

  it('refuses --samples out of range, and on a graph with no dataset', async () => {
    expect((await cli(['run', 'moons.bpgraph', '--samples', '0'])).stderr).toMatch(/--samples 0: expected a whole number of samples from 1 to 100000/);
    const fixed = await cli(['run', 'lecture.bpgraph', '--samples', '3']);
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toMatch(/--samples 3: lecture\.bpgraph binds no dataset/);
    expect((await cli(['run', 'lecture.bpgraph'])).stderr).toBe('');
  });
});
