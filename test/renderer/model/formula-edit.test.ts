// Issue 13.3: editing a formula node's expression and inputs as one graph change, never leaving an
// edge on a port that no longer exists.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { analyzeGraph } from '../../../engine/index.ts';
import { editExpression, editInputs, parseNames } from '../../../renderer/model/formula-edit.ts';

const base = (): Graph => ({
  name: 'f',
  nodes: [
    { id: 'a', kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [1] } },
    { id: 'b', kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [2] } },
    { id: 'f', kind: 'formula', config: { expression: 'x * sigmoid(y) + x^2', inputs: ['x', 'y'] } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourcePort: 'out', target: 'f', targetPort: 'x' },
    { id: 'e2', source: 'b', sourcePort: 'out', target: 'f', targetPort: 'y' },
  ],
});

const ports = (g: Graph): string[] => g.edges.map((e) => `${e.source}→${e.targetPort}`);
const config = (g: Graph) => g.nodes.find((n) => n.id === 'f')!.config;

describe('formula edits', () => {
  it('an expression is set when it parses and refused with its column when not', () => {
    const ok = editExpression(base(), 'f', 'x + y');
    expect(ok.ok && config(ok.graph)).toEqual({ expression: 'x + y', inputs: ['x', 'y'] });
    const bad = editExpression(base(), 'f', 'x * sigmod(y)');
    expect(bad).toEqual({ ok: false, message: 'unknown function `sigmod` at column 5 — did you mean `sigmoid`?', column: 5 });
  });

  it('renaming an input renames it in the expression and moves its edge', () => {
    const r = editInputs(base(), 'f', ['x', 'gate']);
    if (!r.ok) throw new Error(r.message);
    expect(config(r.graph)).toEqual({ expression: 'x * sigmoid(gate) + x^2', inputs: ['x', 'gate'] });
    expect(ports(r.graph)).toEqual(['a→x', 'b→gate']);
    expect(r.renamed).toEqual({ y: 'gate' });
    expect(analyzeGraph(r.graph).issues).toEqual([]);
  });

  it('reordering keeps every edge on its name; a new input comes unconnected', () => {
    const r = editInputs(base(), 'f', ['y', 'x', 'z']);
    if (!r.ok) throw new Error(r.message);
    expect(ports(r.graph)).toEqual(['a→x', 'b→y']);
    expect(config(r.graph)).toEqual({ expression: 'x * sigmoid(y) + x^2', inputs: ['y', 'x', 'z'] });
    expect(analyzeGraph(r.graph).issues.map((i) => [i.code, i.port])).toEqual([['unconnected-port', 'z']]);
  });

  it('dropping an input drops its edge, and is refused while the expression uses it', () => {
    const used = editInputs(base(), 'f', ['x']);
    expect(used.ok).toBe(false);
    expect(!used.ok && used.message).toMatch(/unknown name `y`/);
    const g = editExpression(base(), 'f', 'x^2');
    if (!g.ok) throw new Error('');
    const r = editInputs(g.graph, 'f', ['x']);
    if (!r.ok) throw new Error(r.message);
    expect(ports(r.graph)).toEqual(['a→x']);
    expect(r.dropped).toEqual(['y']);
    expect(analyzeGraph(r.graph).issues).toEqual([]);
  });

  it('refuses names that cannot be ports', () => {
    expect(editInputs(base(), 'f', ['x', 'x'])).toMatchObject({ ok: false, message: expect.stringMatching(/twice/) });
    expect(editInputs(base(), 'f', ['x', 'log'])).toMatchObject({ ok: false, message: expect.stringMatching(/function's name/) });
    expect(parseNames(' x, y  z ')).toEqual(['x', 'y', 'z']);
  });
});
