// analyzeGraph collects every issue: a broken branch does not hide an independent one (issue 8.17),
// shape issues carry typed codes, and keys from the file never find Object.prototype (issue 8.4).
import { describe, expect, it } from 'vitest';
import { analyzeGraph, compileGraph, moduleOf, ownKeyedResults } from '../../engine/index.ts';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';

describe('shape inference goes on past a broken branch', () => {
  // x [1, 2] feeds two linear layers that both expect another width; each has a node below it.
  const g = graph([
    dataNode('x', 'input', 1, 2, [1, 2]),
    linearNode('la', 3, 1, [1, 1, 1]),
    opNode('sa', 'sigmoid'),
    linearNode('lb', 4, 1, [1, 1, 1, 1]),
    opNode('sb', 'tanh'),
  ], [edge('x', 'la', 'in'), edge('la', 'sa', 'in'), edge('x', 'lb', 'in'), edge('lb', 'sb', 'in')]);

  it('two independent broken branches report two issues, each at its own node', () => {
    const shapes = analyzeGraph(g).issues.filter((i) => i.code === 'shape-mismatch');
    expect(shapes.map((i) => [i.nodeId, i.port, i.message])).toEqual([
      ['la', 'in', 'node "la" (linear), port "in": expects [batch, 3] (config in = 3), got [1, 2]'],
      ['lb', 'in', 'node "lb" (linear), port "in": expects [batch, 4] (config in = 4), got [1, 2]'],
    ]);
  });

  it('nodes below a broken one are not blamed and have no shape; their independent siblings do', () => {
    const a = analyzeGraph(g);
    expect(a.issues.map((i) => i.nodeId)).not.toContain('sa');
    expect(a.nodes.get('sa')!.shape).toBeUndefined();
    const fixed = graph([...g.nodes.slice(0, 3), linearNode('lb', 2, 1, [1, 1]), g.nodes[4]!], g.edges);
    const b = analyzeGraph(fixed);
    expect(b.issues.map((i) => i.nodeId)).toEqual(['la']);
    expect(b.nodes.get('sb')!.shape).toEqual([1, 1]);
  });
});

describe('shape issues have typed codes, set by the module', () => {
  it('a batch mismatch is "batch-mismatch" whatever its message says', () => {
    const r = moduleOf('add').inferShape({}, [[2, 3], [4, 3]]);
    expect(r).toMatchObject({ code: 'batch-mismatch', port: 'b' });
    expect(moduleOf('concat').inferShape({}, [[2, 3], [4, 3]])).toMatchObject({ code: 'batch-mismatch' });
    expect(moduleOf('mse').inferShape({ reduction: 'sum' }, [[2, 3], [2, 4]])).toMatchObject({ code: 'shape-mismatch' });
  });

  it('reaches the issue list', () => {
    const g = graph([dataNode('a', 'input', 2, 1, [1, 2]), dataNode('b', 'input', 2, 1, [1, 2]), opNode('s', 'add')],
      [edge('a', 's', 'a'), edge('b', 's', 'b')]);
    expect(analyzeGraph(g, { batch: 3 }).issues).toEqual([]);
    const mixed = graph([dataNode('a', 'input', 2, 1, [1, 2]), dataNode('b', 'input', 3, 1, [1, 2, 3]), opNode('s', 'add')],
      [edge('a', 's', 'a'), edge('b', 's', 'b')]);
    expect(analyzeGraph(mixed).issues.map((i) => i.code)).toContain('batch-mismatch');
  });
});

describe('parameter names from the file are looked up as own properties', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('a parameter %j is an unknown parameter, not a crash', (name) => {
    const l = linearNode('l', 2, 1, [1, 1]);
    l.params![name] = { shape: [1, 1], data: [1] };
    const g = graph([dataNode('x', 'input', 1, 2, [1, 2]), l], [edge('x', 'l', 'in')]);
    const issues = analyzeGraph(g).issues;
    expect(issues).toEqual([{ code: 'unknown-param', nodeId: 'l', message: `node "l" (linear): parameter ${name} is not one of its parameters (W)` }]);
  });
});

describe('run results keyed by ids from the file', () => {
  it('after a structured clone (a worker message), a lookup of a missing "constructor" finds nothing', () => {
    const program = compileGraph(graph([dataNode('x', 'input', 1, 2, [1, 2]), linearNode('toString', 2, 1, [1, 1])], [edge('x', 'toString', 'in')]));
    program.run();
    const cloned = ownKeyedResults(structuredClone(program.results()));
    const [ctor, hasOwn, toStr]: string[] = ['constructor', 'hasOwnProperty', 'toString']; // typed as ids, not Object's members
    expect(cloned.nodes[ctor!]).toBeUndefined();
    expect(cloned.edges[hasOwn!]).toBeUndefined();
    expect(cloned.nodes[toStr!]!.params[ctor!]).toBeUndefined();
    expect(cloned.nodes[toStr!]!.output.data[0]).toBe(3);
  });
});
