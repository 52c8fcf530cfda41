// Step mode over composite modules (issue 13.4): stepping into an instance gives each inner node its
// own equation, named "m1/w1", on the instance's place on the canvas; stepping over it gives one step
// per instance, y = module(x) forward and ∂L/∂x = (∂y/∂x)ᵀ ∂L/∂y back, with the run's numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, type Graph } from '../../../engine/index.ts';
import { texNumber } from '../../../interop/notation/format.ts';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { groupAsModule } from '../../../renderer/model/composite-ops.ts';

function grouped(): Graph {
  const g = parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));
  const r = groupAsModule(g, ['w1', 'h1', 'w2']);
  if (!r.ok) throw new Error(r.reason);
  return r.graph;
}

const resultsOf = (g: Graph) => { const p = compileGraph(g); p.run(); return p.results(); };

describe('Step mode and composite modules', () => {
  it('steps into an instance: one step per inner node, on the instance', () => {
    const g = grouped();
    const steps = buildTimeline(g, resultsOf(g), { into: true });
    const forward = steps.filter((s) => s.phase === 'forward');
    expect(forward.map((s) => s.nodeId)).toEqual(['x', 'm1/w1', 'm1/h1', 'm1/w2', 'h2', 'y', 'loss']);
    expect(forward.map((s) => s.canvasNodeId)).toEqual(['x', 'm1', 'm1', 'm1', 'h2', 'y', 'loss']);
    expect(forward[1]!.title).toBe('Forward: m1/w1 (Linear)');
    expect(forward[3]!.edgeIds).toEqual(['e-w2-h2']); // the edge out of the module, on the canvas
    const back = steps.filter((s) => s.phase === 'backward').map((s) => s.nodeId);
    expect(back.slice(0, 5)).toEqual(['loss', 'h2', 'm1/w2', 'm1/h1', 'm1/w1']);
    expect(steps.every((s) => !s.tex.includes('no values'))).toBe(true);
  });

  it('steps over an instance: one forward and one backward step with the module\'s numbers', () => {
    const g = grouped();
    const r = resultsOf(g);
    const steps = buildTimeline(g, r, { into: false });
    expect(steps.filter((s) => s.phase === 'forward').map((s) => s.nodeId)).toEqual(['x', 'm1', 'h2', 'y', 'loss']);
    const fwd = steps.find((s) => s.phase === 'forward' && s.nodeId === 'm1')!;
    expect(fwd.title).toBe('Forward: m1 (module module1)');
    expect(fwd.tex).toContain('\\mathrm{module1}');
    expect(fwd.tex).toContain(texNumber(r.nodes.m1!.output.data[0]!));
    expect(fwd.edgeIds).toEqual(['e-w2-h2']);
    const bwd = steps.find((s) => s.phase === 'backward' && s.nodeId === 'm1')!;
    expect(bwd.edgeIds).toEqual(['e-x-w1']);
    expect(bwd.tex).toContain('^{\\top}');
    expect(bwd.tex).toContain(texNumber(r.edges['e-x-w1']!.grad.data[0]!));
  });
});
