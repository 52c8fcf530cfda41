// Issue 13.1–2: the formula language (errors at their column, with a suggestion), its symbolic
// derivatives (simplified, closed forms), the module's five methods against finite differences, ports
// taken from the config everywhere ports are listed, and domain errors named at the node.
import { describe, expect, it } from 'vitest';
import { analyzeGraph, compileFormula, compileGraph, createTrainer, nodeInputPorts, toTex, toText } from '../../../engine/index.ts';
import { checkAllDerivatives, t2 } from '../support/frames.ts';
import { dataNode, edge, graph, opNode } from '../support/graphs.ts';
import { testRng, uniform } from '../support/random.ts';

const error = (expression: string, inputs = ['x', 'y']): string => {
  try { compileFormula(expression, inputs); } catch (e) { return (e as Error).message; }
  return 'no error';
};

describe('parsing', () => {
  it('names the column of what is wrong, and suggests the nearest name', () => {
    expect(error('x * sigmod(y)')).toBe('unknown function `sigmod` at column 5 — did you mean `sigmoid`?');
    expect(error('x + ')).toMatch(/at column 5, found the end of the expression/);
    expect(error('(x + y')).toMatch(/expected `\)` to close the `\(` of column 1 at column 7/);
    expect(error('x y')).toMatch(/unexpected `y` at column 3/);
    expect(error('x + yy')).toMatch(/unknown name `yy` at column 5 — did you mean `y`\?/);
    expect(error('pow(x)')).toBe('`pow` takes 2 arguments, got 1, at column 1');
    expect(error('x # 2')).toBe('unexpected character `#` at column 3');
    expect(error('')).toBe('the expression is empty');
    expect(error('x', ['x', 'x'])).toMatch(/appears twice/);
    expect(error('x', ['exp'])).toMatch(/function's name/);
  });

  it('reads precedence as mathematics does: -x^2 = -(x²), 2^3^2 = 2^9, a - b - c = (a - b) - c', () => {
    const at = (e: string, ...v: number[]) => compileFormula(e, ['x', 'y', 'z']).f(v);
    expect(at('-x^2', 3)).toBe(-9);
    expect(at('2^3^2')).toBe(512);
    expect(at('x - y - z', 10, 3, 2)).toBe(5);
    expect(at('x / y / z', 12, 3, 2)).toBe(2);
    expect(at('2 * pi + e - 1e-3 + .5', 0)).toBeCloseTo(2 * Math.PI + Math.E - 0.001 + 0.5, 15);
  });
});

describe('symbolic derivatives', () => {
  const partials = (e: string, inputs = ['x', 'y']) => compileFormula(e, inputs).partials.map(toText);

  it('are simplified: no 0·u, 1·u, u^1 or u + 0 left', () => {
    expect(partials('x * sigmoid(y) + 0.5 * x^2')).toEqual(['sigmoid(y) + x', 'x * sigmoid(y) * (1 - sigmoid(y))']);
    expect(partials('x^3', ['x'])).toEqual(['3 * x ^ 2']);
    expect(partials('exp(2 * x) + log(x)', ['x'])).toEqual(['2 * exp(2 * x) + 1 / x']);
    expect(partials('sin(x) * cos(y)')).toEqual(['cos(x) * cos(y)', '-(sin(x) * sin(y))']);
    expect(partials('abs(x) + relu(y)')).toEqual(['sign(x)', 'step(y)']);
    expect(partials('e^x', ['x'])).toEqual(['e ^ x']);
  });

  it('have the closed forms at a point, and the second order is the derivative of the first', () => {
    const c = compileFormula('x * sigmoid(y) + 0.5 * x^2', ['x', 'y']);
    const s = 1 / (1 + Math.exp(-0.3));
    expect(c.df[0]!([2, 0.3])).toBeCloseTo(s + 2, 15);
    expect(c.df[1]!([2, 0.3])).toBeCloseTo(2 * s * (1 - s), 15);
    expect(c.d2f[0]![0]!([2, 0.3])).toBe(1);
    expect(c.d2f[0]![1]!([2, 0.3])).toBeCloseTo(s * (1 - s), 15);
    expect(c.d2f[1]![0]!([2, 0.3])).toBeCloseTo(s * (1 - s), 15);
  });

  it('split a tie of max and min in halves, as torch does', () => {
    const c = compileFormula('max(x, y) + 2 * min(x, y)', ['x', 'y']);
    expect([c.df[0]!([1, 1]), c.df[1]!([1, 1])]).toEqual([1.5, 1.5]);
    expect([c.df[0]!([2, 1]), c.df[1]!([2, 1])]).toEqual([1, 2]);
  });

  it('render as TeX', () => {
    expect(toTex(compileFormula('x * sigmoid(y) + 0.5 * x^2', ['x', 'y']).partials[1]!)).toBe('x \\cdot \\sigma\\left(y\\right) \\cdot \\left(1 - \\sigma\\left(y\\right)\\right)');
    expect(toTex(compileFormula('sqrt(x) / x1', ['x', 'x1']).tree)).toBe('\\frac{\\sqrt{x}}{x_{1}}');
  });
});

describe('the formula module', () => {
  it.each([
    ['x * sigmoid(y) + 0.5 * x^2', ['x', 'y']],
    ['log(1 + x^2) * tanh(y) - sqrt(2 + sin(z)) / (1 + exp(y))', ['x', 'y', 'z']],
    ['pow(2 + cos(x), y) + softplus(x * y) + max(x, 0.2 * y) - min(x, y) + abs(x - 3)', ['x', 'y']],
  ])('%s: forward, vjp, jacobian, jvp and vjpTangent agree with finite differences', (expression, inputs) => {
    const r = testRng(expression.length);
    checkAllDerivatives({ kind: 'formula', config: { expression, inputs }, inputs: inputs.map(() => t2(3, 2, uniform(r, 6, -1.5, 1.5))) });
  });

  it('takes its ports from config.inputs: edges to them wire, an edge to a renamed port is reported', () => {
    const g = graph([
      dataNode('a', 'input', 2, 1, [1, 2]), dataNode('b', 'input', 2, 1, [3, 4]),
      opNode('f', 'formula', { expression: 'u * v', inputs: ['u', 'v'] }),
    ], [edge('a', 'f', 'u'), edge('b', 'f', 'v')]);
    expect(nodeInputPorts(g.nodes[2]!)).toEqual(['u', 'v']);
    expect(analyzeGraph(g).issues).toEqual([]);
    const p = compileGraph(g);
    p.run();
    expect(Array.from(p.node('f').frame.out.data)).toEqual([3, 8]);
    expect(p.edges.map((e) => e.portName)).toEqual(['u', 'v']);
    const renamed = { ...g, nodes: [g.nodes[0]!, g.nodes[1]!, opNode('f', 'formula', { expression: 'u * w', inputs: ['u', 'w'] })] };
    const issues = analyzeGraph(renamed).issues.map((i) => [i.code, i.port]);
    expect(issues).toEqual(expect.arrayContaining([['missing-port', 'v'], ['unconnected-port', 'w']]));
  });

  it('reports a bad expression at the node, with the column', () => {
    const g = graph([dataNode('a', 'input', 1, 1, [1]), opNode('f', 'formula', { expression: 'sigmod(x)' })], [edge('a', 'f', 'x')]);
    const issue = analyzeGraph(g).issues.find((i) => i.nodeId === 'f');
    expect(issue?.code).toBe('bad-config');
    expect(issue?.message).toContain('config.expression: unknown function `sigmod` at column 1 — did you mean `sigmoid`?');
  });

  it('names a point outside the domain at the node: log of a negative number', () => {
    const g = graph([dataNode('a', 'input', 2, 2, [1, -0.5, 2, 3]), opNode('f', 'formula', { expression: '2 * log(x)' })], [edge('a', 'f', 'x')]);
    const p = compileGraph(g);
    p.run();
    const d = p.results().diagnostics.find((x) => x.nodeId === 'f');
    expect(d?.severity).toBe('warning');
    expect(d?.code).toBe('formula-domain');
    expect(d?.message).toContain('log(-0.5) = NaN (log needs a positive number) at column 5 for sample 0, feature 1: x = -0.5');
  });
});

describe('deep expressions', () => {
  it('compile and run in time linear in their size: shared subtrees are derived and evaluated once', () => {
    const depth = 150;
    const expression = `${'sigmoid('.repeat(depth)}x${')'.repeat(depth)}`;
    const t0 = performance.now();
    const c = compileFormula(expression, ['x']);
    const v = [c.f([0.3]), c.df[0]!([0.3]), c.d2f[0]![0]!([0.3])];
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(v.every(Number.isFinite)).toBe(true);
    // written out, the second derivative would be astronomically long: it is summarised, not built
    expect(toTex(c.second[0]![0]!)).toMatch(/too long to show/);
    // the value agrees with the nesting computed directly
    let y = 0.3;
    for (let i = 0; i < depth; i++) y = 1 / (1 + Math.exp(-y));
    expect(v[0]).toBeCloseTo(y, 14);
  });
});

describe('training through a formula', () => {
  it('a swish hidden layer (x·σ(x)) fits a small regression: the loss falls', () => {
    const r = testRng(5), N = 16;
    const xs = uniform(r, N, -2, 2);
    const g = graph([
      dataNode('x', 'input', N, 1, xs), dataNode('y', 'target', N, 1, xs.map((v) => Math.sin(v))),
      { id: 'h', kind: 'linear', config: { in: 1, out: 8 } }, opNode('act', 'formula', { expression: 'x * sigmoid(x)' }),
      { id: 'o', kind: 'linear', config: { in: 8, out: 1 } }, opNode('loss', 'mse', { reduction: 'mean' }),
    ], [edge('x', 'h', 'in'), edge('h', 'act', 'x'), edge('act', 'o', 'in'), edge('o', 'loss', 'pred'), edge('y', 'loss', 'target')], { seed: 3 });
    const t = createTrainer(g, { settings: { optimizer: 'adam', learningRate: 0.05, batchSize: N, epochs: 200 } });
    const first = t.step()!.loss;
    while (t.step());
    expect(t.progress().state).toBe('done');
    expect(t.evaluate().trainLoss).toBeLessThan(first / 10);
  });
});
