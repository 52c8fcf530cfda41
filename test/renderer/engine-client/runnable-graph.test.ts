import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile } from '../../../engine/index.ts';
import { PREVIEW_SAMPLES, runnableGraph } from '../../../renderer/engine-client/runnable-graph.ts';

const example = (name: string) => parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));

describe('runnableGraph (what the canvas runs)', () => {
  it('feeds dataset-bound inputs and targets their first samples, so edges show real data', () => {
    const moons = example('two-moons-tanh');
    const program = compileGraph(runnableGraph(moons));
    expect(program.batch).toBe(PREVIEW_SAMPLES);
    program.run();
    const inputs = program.nodes.filter((n) => n.kind === 'input');
    expect(inputs.length).toBeGreaterThan(0);
    for (const n of inputs) expect(Array.from(n.frame.out.data).some((v) => v !== 0)).toBe(true);
    expect(program.loss).toBeGreaterThan(0);
  });

  it('leaves a graph without bindings as it is, even an invalid one (its issues are reported by the run)', () => {
    const lecture = example('lecture-two-layer');
    expect(runnableGraph(lecture)).toBe(lecture);
    const broken = { ...lecture, edges: lecture.edges.slice(1) };
    expect(runnableGraph(broken)).toBe(broken);
  });
});
