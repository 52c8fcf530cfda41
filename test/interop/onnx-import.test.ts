// Issue 12.6: ONNX → graph. Round trip: the export of every example and of random graphs over every
// kind imports back to a graph with the same node ids, outputs, loss and gradients (to 1e-12) on the
// same data. A model from elsewhere without a loss gets sample data and an mse against zeros, so it
// runs; its nodes are laid out; an unsupported operator is refused naming each operator and node.
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { serializeGraph, type Graph } from '../../engine/index.ts';
import { exportOnnx, IMPORT_ROWS, importOnnx, OnnxImportError } from '../../interop/index.ts';
import { runCli } from '../support/cli-in-process.ts';
import { dataValues, engineRun, onnxCases } from './support/onnx-cases.ts';

const { onnx } = onnxProto;
const TOL = 1e-12;
const F = onnx.TensorProto.DataType.FLOAT;

function expectNear(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!), `${what}[${i}]`).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(expected[i]!)));
}

/** A model as another exporter writes it: float32, fixed batch, names of its own. */
function foreignModel(nodes: import('onnx-proto').onnx.INodeProto[], extra: { initializer?: import('onnx-proto').onnx.ITensorProto[]; outputs?: string[] } = {}): Uint8Array {
  const vi = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: F, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
  return onnx.ModelProto.encode({
    irVersion: 8, producerName: 'pytorch', opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'torch_jit', node: nodes, input: [vi('input', [1, 3])], output: (extra.outputs ?? ['output']).map((o) => vi(o, [1, 2])), initializer: extra.initializer ?? [] },
  }).finish();
}
const floats = (name: string, dims: number[], data: number[]) => ({ name, dims, dataType: F, floatData: data });

describe('ONNX import: round trip of the export (issue 12.6)', () => {
  onnxCases.forEach(({ name, graph }) => {
    it(`${name}: same node ids, outputs, loss and gradients to 1e-12`, () => {
      const back = importOnnx(exportOnnx(graph));
      const values = dataValues(graph);
      const fed: Graph = { ...back, nodes: back.nodes.map((n) => (values.has(n.id) ? { ...n, value: values.get(n.id)! } : n)) };
      const a = engineRun(graph), b = engineRun(fed);
      expect(Object.keys(b.nodes).sort()).toEqual(Object.keys(a.nodes).sort());
      expectNear([b.loss ?? NaN], [a.loss ?? NaN], 'loss');
      for (const [id, node] of Object.entries(a.nodes)) {
        expectNear(b.nodes[id]!.output.data, node.output.data, `output of "${id}"`);
        expectNear(b.nodes[id]!.grad.data, node.grad.data, `dL/d "${id}"`);
        for (const [p, param] of Object.entries(node.params)) expectNear(b.nodes[id]!.params[p]!.grad.data, param.grad.data, `dL/d${id}.${p}`);
      }
      const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
      for (const n of back.nodes) expect(n.name, n.id).toBe(names.get(n.id));
    });
  });
});

describe('ONNX import of models made elsewhere', () => {
  const mlp = foreignModel([
    { name: '/fc1/Gemm', opType: 'Gemm', input: ['input', 'fc1.weight', 'fc1.bias'], output: ['/fc1/Gemm_output_0'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
    { name: '/act/Relu', opType: 'Relu', input: ['/fc1/Gemm_output_0'], output: ['/act/Relu_output_0'] },
    { name: '/fc2/MatMul', opType: 'MatMul', input: ['/act/Relu_output_0', 'onnx::MatMul_9'], output: ['/fc2/MatMul_output_0'] },
    { name: '/fc2/Add', opType: 'Add', input: ['fc2.bias', '/fc2/MatMul_output_0'], output: ['output'] },
  ], { initializer: [floats('fc1.weight', [4, 3], [...Array(12).keys()].map((i) => i / 10 - 0.5)), floats('fc1.bias', [4], [0.1, 0.2, 0.3, 0.4]), floats('onnx::MatMul_9', [4, 2], [1, -1, 2, -2, 0.5, 0.25, -0.5, 1]), floats('fc2.bias', [2], [0.5, -0.5])] });

  it('Gemm and MatMul + Add become linear layers, with sample data and an mse against zeros so it runs', () => {
    const g = importOnnx(mlp);
    expect(g.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['input:input', 'fc1:linear', 'act:relu', 'output:linear', 'output_target:target', 'output_loss:mse']);
    expect(g.nodes[0]!.value!.shape).toEqual([IMPORT_ROWS, 3]);
    const fc2 = g.nodes.find((n) => n.id === 'output')!;
    expect(fc2.config).toMatchObject({ in: 4, out: 2, bias: true });
    expect(fc2.params!.W).toEqual({ shape: [2, 4], data: [1, 2, 0.5, -0.5, -1, -2, 0.25, 1] });
    const run = engineRun(g);
    expect(run.loss).toBeGreaterThan(0);
    expect(run.nodes['fc1']!.params['W']!.grad.data.some((v) => v !== 0)).toBe(true);
  });

  it('Identity and Flatten pass their value on; Concat of three inputs is a chain of two concat nodes', () => {
    const g = importOnnx(foreignModel([
      { name: 'same', opType: 'Identity', input: ['input'], output: ['i'] },
      { name: 'flat', opType: 'Flatten', input: ['i'], output: ['f'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
      { name: 'cat', opType: 'Concat', input: ['f', 'i', 'input'], output: ['output'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
    ]));
    expect(g.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['input:input', 'cat_1:concat', 'output:concat', 'output_target:target', 'output_loss:mse']);
    expect(g.edges.filter((e) => e.target === 'cat_1').map((e) => e.source)).toEqual(['input', 'input']);
    expect(engineRun(g).nodes['output']!.output.shape).toEqual([IMPORT_ROWS, 9]);
  });

  it('lays the nodes out left to right, no two in one place', () => {
    const g = importOnnx(mlp);
    const at = g.nodes.map((n) => `${n.position!.x},${n.position!.y}`);
    expect(new Set(at).size).toBe(at.length);
    const x = (id: string) => g.nodes.find((n) => n.id === id)!.position!.x;
    expect(x('input')).toBeLessThan(x('fc1'));
    expect(x('fc1')).toBeLessThan(x('act'));
    expect(x('output')).toBeLessThan(x('output_loss'));
  });

  it('refuses unsupported operators, naming every one and its node', () => {
    const bad = foreignModel([
      { name: '/conv/Conv', opType: 'Conv', input: ['input', 'w'], output: ['a'] },
      { name: '/act/Relu', opType: 'Relu', input: ['a'], output: ['b'] },
      { name: '/pool/MaxPool', opType: 'MaxPool', input: ['b'], output: ['output'] },
    ]);
    expect(() => importOnnx(bad)).toThrow(OnnxImportError);
    expect(() => importOnnx(bad)).toThrow(/^unsupported ONNX operators: Conv \(node "\/conv\/Conv"\), MaxPool \(node "\/pool\/MaxPool"\);/);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['an Add of a constant that is not a bias', foreignModel([{ name: 'plus', opType: 'Add', input: ['input', 'c'], output: ['output'] }], { initializer: [floats('c', [3], [1, 2, 3])] }), /Add \(node "plus"\): input 2 is the constant "c"/],
    ['a Gemm with a computed weight', foreignModel([{ name: 'g', opType: 'Gemm', input: ['input', 'input'], output: ['output'] }]), /Gemm \(node "g"\): input 2 \("input"\) must be a float initializer/],
    ['a softmax over the batch', foreignModel([{ name: 's', opType: 'Softmax', input: ['input'], output: ['output'], attribute: [{ name: 'axis', type: 2, i: 0 }] }]), /Softmax \(node "s"\): only a softmax over the last axis/],
    ['bytes that are no model', new TextEncoder().encode('{"format": "backprop-studio-graph"}'), /^not an ONNX model/],
  ])('refuses %s, naming it', (_what, bytes, message) => {
    expect(() => importOnnx(bytes)).toThrow(message);
  });
});

describe('import MODEL.onnx --out GRAPH.bpgraph (CLI)', () => {
  it('writes the graph, which runs', async () => {
    const graph = onnxCases[0]!.graph;
    const r = await runCli(['import', 'm.onnx', '--out', 'g.bpgraph'], { 'm.onnx': exportOnnx(graph) });
    expect(r.code).toBe(0);
    expect(r.files['g.bpgraph']).toBe(serializeGraph(importOnnx(exportOnnx(graph))));
    expect((await runCli(['run', 'g.bpgraph', '--json'], r.files)).code).toBe(0);
  });

  it('exits 2 with one line naming the unsupported operator and node', async () => {
    const bad = foreignModel([{ name: '/drop/Dropout', opType: 'Dropout', input: ['input'], output: ['output'] }]);
    const r = await runCli(['import', 'bad.onnx', '--out', 'g.bpgraph'], { 'bad.onnx': bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backprop-studio import: bad\.onnx: cannot import: unsupported ONNX operator: Dropout \(node "\/drop\/Dropout"\);[^\n]*\n$/);
    expect(r.files['g.bpgraph']).toBeUndefined();
  });
});
