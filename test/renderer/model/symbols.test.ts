// The one notation: the lecture's symbols for the lecture example, the kind's letter for default ids,
// a node's display name where it has one, and never two nodes with one symbol.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { buildTimeline } from '../../../renderer/math/step-timeline.ts';
import { tryConnect } from '../../../renderer/model/graph-ops.ts';
import { displayName, gradText, graphSymbols, nodeSymbols, texSymbol } from '../../../interop/notation/symbols.ts';
import { lectureGraph, run } from '../math/fixtures.ts';

describe('graphSymbols', () => {
  it('writes the lecture example in the lecture\'s notation', () => {
    const g = lectureGraph();
    const s = graphSymbols(g);
    expect(s.get('x')!.out).toEqual({ tex: 'x', text: 'x' });
    expect(s.get('w1')!.out).toEqual({ tex: 'z_{1}', text: 'z₁' });
    expect(s.get('w1')!.params.W).toEqual({ tex: 'w_{1}', text: 'w₁' });
    expect(s.get('h1')!.out).toEqual({ tex: 'h_{1}', text: 'h₁' });
    expect(s.get('w2')!.out.text).toBe('z₂');
    expect(s.get('y')!.out).toEqual({ tex: 'y^{*}', text: 'y*' });
    expect(s.get('loss')!.out.text).toBe('L');
    expect(gradText(s.get('w1')!.params.W!)).toBe('∂L/∂w₁');
  });

  it('gives default ids their kind\'s letter and number, matrices a capital W', () => {
    const g: Graph = { name: 'built', nodes: [
      { id: 'input1', kind: 'input', config: { size: 2 } },
      { id: 'linear1', kind: 'linear', config: { in: 2, out: 3 } },
      { id: 'sigmoid1', kind: 'sigmoid' },
      { id: 'linear2', kind: 'linear', config: { in: 3, out: 1 } },
      { id: 'sigmoid2', kind: 'sigmoid' },
      { id: 'target1', kind: 'target', config: { size: 1 } },
      { id: 'mse1', kind: 'mse' },
    ], edges: [] };
    const s = graphSymbols(g);
    expect(s.get('input1')!.out.tex).toBe('x');
    expect(s.get('linear1')!.out.tex).toBe('z_{1}');
    expect(s.get('linear1')!.params.W!.tex).toBe('W_{1}');
    expect(s.get('linear2')!.params.b!.text).toBe('b₂');
    expect(s.get('sigmoid2')!.out.text).toBe('h₂');
    expect(s.get('target1')!.out.tex).toBe('y^{*}');
    expect(s.get('mse1')!.out.tex).toBe('L');
    // Any word-and-number name numbers a layer, as the lecture does: fc3 is z₃ with weight W₃.
    const fc = graphSymbols({ name: 'fc', nodes: [{ id: 'fc3', kind: 'linear', config: { in: 16, out: 2 } }], edges: [] });
    expect(fc.get('fc3')!.out.text).toBe('z₃');
    expect(fc.get('fc3')!.params.W!.text).toBe('W₃');
  });

  it('uses a node\'s display name: a symbol-like name as that symbol, any other as text', () => {
    const g: Graph = { name: 'named', nodes: [
      { id: 'linear1', kind: 'linear', name: 'hidden', config: { in: 1, out: 1 } },
      { id: 'sigmoid1', kind: 'sigmoid', name: 'h_out' },
      { id: 'tanh1', kind: 'tanh', name: 'a&b' },
    ], edges: [] };
    const s = graphSymbols(g);
    expect(s.get('linear1')!.name).toBe('hidden');
    expect(s.get('linear1')!.out.tex).toBe('\\text{hidden}');
    expect(s.get('linear1')!.params.W!.tex).toBe('w_{\\text{hidden}}');
    expect(s.get('sigmoid1')!.out.tex).toBe('h_{\\mathrm{out}}');
    expect(s.get('tanh1')!.out.tex).toBe('\\text{a\\&b}');
    expect(displayName({ id: 'n', name: '  ' })).toBe('n');
  });

  it('never gives two nodes one symbol', () => {
    const g: Graph = { name: 'clash', nodes: [
      { id: 'h1', kind: 'sigmoid' },
      { id: 'sigmoid1', kind: 'sigmoid' },
    ], edges: [] };
    const s = graphSymbols(g);
    expect(s.get('h1')!.out.tex).toBe('h_{1}');
    expect(s.get('sigmoid1')!.out.tex).toBe('\\text{sigmoid1}');
    expect(nodeSymbols(g, 'missing').name).toBe('missing');
    expect(texSymbol('h_out')).toBe('h_{\\mathrm{out}}');
  });
});

describe('graphSymbols across versions', () => {
  it('reuses the symbols of nodes an edit did not touch, and writes the touched one again', () => {
    const g = lectureGraph();
    const before = graphSymbols(g);
    const renamed = { ...g, nodes: g.nodes.map((n) => (n.id === 'h1' ? { ...n, name: 'hidden' } : n)) };
    const after = graphSymbols(renamed);
    expect(after.get('w1')).toBe(before.get('w1'));
    expect(after.get('h1')!.out.text).toBe('hidden');
    expect(graphSymbols(g).get('h1')!.out.text).toBe('h₁');
  });
});

describe('messages use the same names', () => {
  it('a refused connection names the renamed node as people read it', () => {
    const g = lectureGraph();
    const named: Graph = { ...g, nodes: g.nodes.map((n) => (n.id === 'w1' ? { ...n, name: 'first layer' } : n)) };
    const r = tryConnect(named, { source: 'x', target: 'h1', targetPort: 'in' });
    expect(r).toMatchObject({ ok: false, reason: 'input "in" of "h1" is already fed by "first layer"; delete that edge first' });
  });
});

describe('Step mode speaks the same notation', () => {
  it('titles steps with the display name and writes its symbols', () => {
    const g = lectureGraph();
    const renamed: Graph = { ...g, nodes: g.nodes.map((n) => (n.id === 'h2' ? { ...n, name: 'output' } : n)) };
    const steps = buildTimeline(renamed, run(renamed));
    const fwd = steps.find((s) => s.phase === 'forward' && s.nodeId === 'h2')!;
    expect(fwd.title).toBe('Forward: output (Sigmoid)');
    expect(fwd.tex.startsWith('\\text{output} = \\sigma(')).toBe(true);
    const back = steps.find((s) => s.phase === 'backward' && s.nodeId === 'w2')!;
    expect(back.tex).toContain('\\frac{\\partial L}{\\partial w_{2}}');
    expect(back.tex).toContain('\\frac{\\partial L}{\\partial \\text{output}}');
  });
});
