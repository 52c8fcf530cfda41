// Validation of shapes, batches, parameter and data tensors: messages name node, port and shapes.
import { describe, expect, it } from 'vitest';
import { dataNode, edge, graph, linearNode, opNode } from './support/graphs.ts';
import { onlyIssue } from './support/issues.ts';
import { chainGraph } from './support/sample-graphs.ts';

const node = (g: ReturnType<typeof chainGraph>, id: string) => g.nodes.find((n) => n.id === id)!;

describe('graph validation: shapes and data', () => {
  it('shape mismatch into a linear layer names its port, config and the shape it got', () => {
    const g = chainGraph();
    Object.assign(node(g, 'l2'), linearNode('l2', 5, 2, new Array<number>(10).fill(0), [0, 0]));
    const i = onlyIssue(g, 'shape-mismatch');
    expect(i).toMatchObject({ nodeId: 'l2', port: 'in', shapes: [[2, 4]] });
    expect(i.message).toBe('node "l2" (linear), port "in": expects [batch, 5] (config in = 5), got [2, 4]');
  });

  it('shape mismatch between the two inputs of a loss', () => {
    const g = chainGraph();
    Object.assign(node(g, 'y'), dataNode('y', 'target', 2, 3, [0, 0, 0, 0, 0, 0]));
    const i = onlyIssue(g, 'shape-mismatch');
    expect(i).toMatchObject({ nodeId: 'loss', port: 'target', shapes: [[2, 2], [2, 3]] });
    expect(i.message).toBe('node "loss" (mse), port "target": shape [2, 3] does not match pred\'s [2, 2]');
  });

  it('data values with different batch sizes', () => {
    const g = chainGraph();
    Object.assign(node(g, 'y'), dataNode('y', 'target', 3, 2, [0, 0, 0, 0, 0, 0]));
    const issue = onlyIssue({ ...g, edges: g.edges.filter((e) => e.target !== 'loss') , nodes: g.nodes.filter((n) => n.id !== 'loss') }, 'batch-mismatch');
    expect(issue).toMatchObject({ nodeId: 'y', shapes: [[3, 2]], message: 'node "y" (target): batch size 3 differs from "x"\'s 2' });
  });

  it('parameter data length that does not fit its shape', () => {
    const g = chainGraph();
    node(g, 'l1').params!.W = { shape: [4, 3], data: [1, 2, 3, 4, 5] };
    const i = onlyIssue(g, 'param-shape');
    expect(i).toMatchObject({ nodeId: 'l1', shapes: [[4, 3]] });
    expect(i.message).toBe('node "l1" (linear): parameter W: shape [4, 3] needs 12 numbers, data has 5');
  });

  it('parameter shape that disagrees with the config', () => {
    const g = chainGraph();
    node(g, 'l1').params!.W = { shape: [3, 4], data: new Array<number>(12).fill(0) };
    expect(onlyIssue(g, 'param-shape')).toMatchObject({
      nodeId: 'l1', shapes: [[3, 4], [4, 3]], message: 'node "l1" (linear): parameter W has shape [3, 4], expected [4, 3] from its config',
    });
  });

  it('an unknown parameter lists the real ones', () => {
    const g = chainGraph();
    node(g, 'l1').params!.gamma = { shape: [4], data: [1, 1, 1, 1] };
    expect(onlyIssue(g, 'unknown-param')).toMatchObject({ nodeId: 'l1', message: 'node "l1" (linear): parameter gamma is not one of its parameters (W, b)' });
    const g2 = graph([dataNode('x', 'input', 1, 1, [1]), { ...opNode('s', 'sigmoid'), params: { W: { shape: [1], data: [1] } } }], [edge('x', 's', 'in')]);
    expect(onlyIssue(g2, 'unknown-param').message).toBe('node "s" (sigmoid): parameter W is not one of its parameters (none)');
  });

  it('a data value whose shape does not fit [batch, size]', () => {
    const g = chainGraph();
    node(g, 'x').value = { shape: [2, 4], data: new Array<number>(8).fill(0) };
    expect(onlyIssue(g, 'value-shape')).toMatchObject({
      nodeId: 'x', shapes: [[2, 4]], message: 'node "x" (input): value has shape [2, 4] but size is 3, so it must be [batch, 3]',
    });
    const g2 = chainGraph();
    node(g2, 'x').value = { shape: [6], data: new Array<number>(6).fill(0) };
    expect(onlyIssue(g2, 'value-shape').message).toBe('node "x" (input): value has shape [6] but size is 3, so it must be [batch, 3]');
  });

  it('a string in the data names the entry and shows the string', () => {
    const g = chainGraph();
    (node(g, 'x').value!.data as unknown[])[4] = 'abc';
    expect(onlyIssue(g, 'non-finite')).toMatchObject({ nodeId: 'x', message: 'node "x" (input): value: entry 4 is "abc", not a finite number' });
  });

  it('a string in a parameter is refused the same way', () => {
    const g = chainGraph();
    (node(g, 'l2').params!.b!.data as unknown[])[1] = '0.5';
    expect(onlyIssue(g, 'non-finite').message).toBe('node "l2" (linear): parameter b: entry 1 is "0.5", not a finite number');
  });

  // JSON.stringify turns NaN and ±Infinity into "null", so the message must not be built from it.
  it.each([[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']])('non-finite %s is named as %s, not as null', (bad, shown) => {
    const g = chainGraph();
    node(g, 'x').value!.data[2] = bad;
    expect(onlyIssue(g, 'non-finite')).toMatchObject({ nodeId: 'x', message: `node "x" (input): value: entry 2 is ${shown}, not a finite number` });
  });
});
