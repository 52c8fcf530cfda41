// The Jacobian panel on a composite module's instance (issue 13.6): the whole module's Jacobian, equal
// to the product of its inner nodes' local Jacobians, and the chain-rule check against the input edge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile } from '../../../engine/index.ts';
import { jacobianReport } from '../../../renderer/analysis/compute.ts';
import { groupAsModule } from '../../../renderer/model/composite-ops.ts';

describe('the Jacobian panel on an instance', () => {
  it('is the chain of the inner Jacobians, and (∂L/∂y) J equals the gradient on the input edge', () => {
    const g = parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
    const r = groupAsModule(g, ['w1', 'h1', 'w2']);
    if (!r.ok) throw new Error(r.reason);
    const report = jacobianReport(r.graph, 'm1', 0);
    expect(report.kind).toBe('module module1');
    expect(report.inputs.map((i) => [i.port, i.edgeId, i.sourceId])).toEqual([['in', 'e-x-w1', 'x']]);
    expect(report.inputs[0]!.maxDiff).toBeLessThan(1e-16);
    const names = report.params.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['w1.W', 'w2.W']));
    expect(names.every((n) => /^w[12]\.[Wb]$/.test(n))).toBe(true);
    const flat = compileGraph(g);
    flat.run();
    const local = ['w2', 'h1', 'w1'].map((id) => flat.jacobian(id, 0, { input: 'in' }).data[0]!);
    expect(report.inputs[0]!.jacobian.data[0]).toBeCloseTo(local[0]! * local[1]! * local[2]!, 15);
    const dW1 = flat.jacobian('w1', 0, { param: 'W' }).data[0]! * local[0]! * local[1]!;
    expect(report.params.find((p) => p.name === 'w1.W')!.jacobian.data[0]).toBeCloseTo(dW1, 15);
  });
});
