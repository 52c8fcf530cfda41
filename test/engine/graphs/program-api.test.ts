// Program options and queries: training mode (dataGradients: false) and the per-node Jacobian API.
import { describe, expect, it } from 'vitest';
import { compileGraph, GraphQueryError, modules, type ModuleDef } from '../../../engine/index.ts';
import { messyGraph } from '../support/sample-graphs.ts';

describe('program options and queries', () => {
  it('dataGradients: false leaves every parameter gradient unchanged', () => {
    const full = compileGraph(messyGraph()), training = compileGraph(messyGraph(), { dataGradients: false });
    full.run();
    training.run();
    expect(training.loss).toBe(full.loss);
    training.parameters().forEach((p, i) => expect(Array.from(p.grad.data), `${p.nodeId}.${p.name}`).toEqual(Array.from(full.parameters()[i]!.grad.data)));
  });

  it('program.jacobian returns the module Jacobian of that node and sample', () => {
    const p = compileGraph(messyGraph());
    p.run();
    const node = p.node('l1');
    const viaProgram = p.jacobian('l1', 2, { param: 'W' });
    const direct = (modules.linear as unknown as ModuleDef<unknown>).jacobian(node.frame, 2, { param: 0 });
    expect(Array.from(viaProgram.data)).toEqual(Array.from(direct.data));
    expect([viaProgram.rows, viaProgram.cols]).toEqual([4, 12]);
    expect(p.jacobian('cat', 0, { input: 'b' }).rows).toBe(7);
  });

  it('program.jacobian names what it cannot find', () => {
    const p = compileGraph(messyGraph());
    p.run();
    expect(() => p.jacobian('l1', 3, { input: 'in' })).toThrow('node "l1" (linear): sample 3 is outside the batch 0…2');
    expect(() => p.jacobian('l1', 0, { input: 'x' })).toThrow('node "l1" (linear) has no input port "x"');
    expect(() => p.jacobian('s1', 0, { param: 'W' })).toThrow('node "s1" (sigmoid) has no parameter "W"');
    expect(() => p.jacobian('ghost', 0, { input: 'in' })).toThrow(GraphQueryError);
  });
});
