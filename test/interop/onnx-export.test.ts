// Issue 12.5: the ONNX export's contract. Graph inputs are the data nodes (named by id, [batch, size]),
// there is one output per node without consumers (losses included, named by id), parameters are
// initializers "<nodeId>.<param>" holding the values the engine starts from; opset 17, float64 by
// default and float32 on request; the CLI writes the bytes and refuses what makes no sense.
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { compileGraph, parseGraphFile, type Graph } from '../../engine/index.ts';
import { ExportError, exportOnnx } from '../../interop/index.ts';
import { runCli } from '../support/cli-in-process.ts';
import { exampleCases, ONNX_REFUSED, onnxCases } from './support/onnx-cases.ts';

const { onnx } = onnxProto;
const decode = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes);
type GraphProto = import('onnx-proto').onnx.GraphProto;
const graphOf = (bytes: Uint8Array): GraphProto => decode(bytes).graph as GraphProto;
const moonsText = readFileSync(new URL('../../examples/two-moons-tanh.bpgraph', import.meta.url), 'utf8');
const f64 = (t: { rawData?: Uint8Array | null }): number[] => [...new Float64Array(new Uint8Array(t.rawData!).buffer)];

describe('ONNX export (issue 12.5)', () => {
  it('names inputs by data node, outputs by sink node (the loss too), initializers "<nodeId>.<param>"', () => {
    const graph = parseGraphFile(moonsText);
    const model = decode(exportOnnx(graph));
    expect(Number(model.opsetImport.find((o) => o.domain === '')?.version)).toBe(17);
    const g = model.graph as GraphProto;
    expect(g.input.map((i) => i.name)).toEqual(['x', 'y']);
    expect(g.input[0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 2]);
    expect(g.output.map((o) => o.name)).toEqual(['loss']);
    const program = compileGraph(graph, { batch: 1 });
    const params = program.nodes.flatMap((n) => n.paramNames.map((p, i) => ({ key: `${n.id}.${p}`, value: n.frame.params[i]! })));
    expect(g.initializer.map((t) => t.name)).toEqual(params.map((p) => p.key));
    for (const [i, p] of params.entries()) {
      expect(g.initializer[i]!.dims!.map(Number), p.key).toEqual(p.value.shape);
      expect(f64(g.initializer[i]!), p.key).toEqual([...p.value.data]);
    }
    expect(g.node.map((n) => `${n.opType}:${(n.output ?? []).join()}`)).toContain('Gemm:fc1');
  });

  it('gives every node without consumers an output; everyNode gives every node one', () => {
    const graph: Graph = {
      name: 'two heads', nodes: [
        { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [1, 2] } },
        { id: 's', kind: 'softmax' }, { id: 't', kind: 'tanh' }, { id: 'r', kind: 'relu' },
      ],
      edges: [
        { id: 'e1', source: 'x', sourcePort: 'out', target: 's', targetPort: 'in' }, { id: 'e2', source: 'x', sourcePort: 'out', target: 't', targetPort: 'in' },
        { id: 'e3', source: 't', sourcePort: 'out', target: 'r', targetPort: 'in' },
      ],
    };
    expect(graphOf(exportOnnx(graph)).output.map((o) => o.name)).toEqual(['s', 'r']);
    const every = graphOf(exportOnnx(graph, { everyNode: true }));
    expect(every.output.map((o) => o.name)).toEqual(['s', 't', 'r']);
  });

  it('writes a loss as a call of a function the model defines, from standard operators only', () => {
    for (const { name, graph } of onnxCases) {
      const model = decode(exportOnnx(graph));
      for (const f of model.functions) {
        expect(f.domain, name).toBe('org.backprop-studio');
        expect((f.node ?? []).every((n) => !n.domain), `${name}: ${f.name} uses standard operators`).toBe(true);
      }
      const losses = graph.nodes.filter((n) => ['mse', 'bce', 'bce_logits', 'softmax_ce'].includes(n.kind));
      expect((model.graph as GraphProto).node.filter((n) => n.domain === 'org.backprop-studio').map((n) => n.output?.[0]), name).toEqual(expect.arrayContaining(losses.map((n) => n.id)));
    }
  });

  it('float32 stores every tensor as FLOAT, rounded; float64 as DOUBLE, exactly; the same graph gives the same bytes', () => {
    const graph = exampleCases[0]!.graph;
    const m32 = graphOf(exportOnnx(graph, { dtype: 'float32' }));
    expect([...m32.input, ...m32.output].map((v) => v.type!.tensorType!.elemType)).toEqual([...m32.input, ...m32.output].map(() => onnx.TensorProto.DataType.FLOAT));
    expect(m32.initializer.every((t) => t.dataType === onnx.TensorProto.DataType.FLOAT)).toBe(true);
    expect(graphOf(exportOnnx(graph)).initializer.every((t) => t.dataType === onnx.TensorProto.DataType.DOUBLE)).toBe(true);
    expect(exportOnnx(graph)).toEqual(exportOnnx(structuredClone(graph)));
    // The bytes own their buffer (a view into protobufjs's Node pool would carry other bytes along).
    const bytes = exportOnnx(graph);
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength]);
  });

  it('writes a formula as a function of its variables whose doc_string is the expression', () => {
    const graph: Graph = {
      name: 'formula', nodes: [
        { id: 'x', kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [1] } },
        { id: 'f', kind: 'formula', config: { expression: 'sin(a) * a + 2', inputs: ['a'] } },
      ],
      edges: [{ id: 'e1', source: 'x', sourcePort: 'out', target: 'f', targetPort: 'a' }],
    };
    expect(ONNX_REFUSED).toEqual([]);
    const model = decode(exportOnnx(graph));
    expect(model.functions.map((f) => [f.name, f.docString, f.input])).toEqual([['Formula1', 'y = sin(a) * a + 2', ['a']]]);
    expect((model.functions[0]!.node ?? []).map((n) => n.opType)).toEqual(['Sin', 'Mul', 'Constant', 'Add', 'Identity']);
  });

  it('refuses a node id that is also another value\'s name, naming both', () => {
    const graph: Graph = {
      name: 'clash', nodes: [
        { id: 'x', kind: 'input', config: { size: 1 }, value: { shape: [1, 1], data: [1] } },
        { id: 'w', kind: 'linear', config: { in: 1, out: 1, bias: false } },
        { id: 'w.W', kind: 'tanh' },
      ],
      edges: [{ id: 'e1', source: 'x', sourcePort: 'out', target: 'w', targetPort: 'in' }, { id: 'e2', source: 'w', sourcePort: 'out', target: 'w.W', targetPort: 'in' }],
    };
    expect(() => exportOnnx(graph)).toThrow(ExportError);
    expect(() => exportOnnx(graph)).toThrow(/node "w.W" and parameter W of node "w" would both be the ONNX value "w.W"/);
  });
});

describe('export --to onnx (CLI)', () => {
  const files = { 'moons.bpgraph': moonsText };

  it('writes the model\'s bytes, float64 by default and float32 with --dtype', async () => {
    const r = await runCli(['export', 'moons.bpgraph', '--to', 'onnx', '--out', 'm.onnx'], files);
    expect(r.code).toBe(0);
    expect(r.bytes['m.onnx']).toEqual(exportOnnx(parseGraphFile(moonsText)));
    expect(r.stdout).toBe(`wrote m.onnx (${r.bytes['m.onnx']!.byteLength} bytes)\n`);
    const r32 = await runCli(['export', 'moons.bpgraph', '--to', 'onnx', '--dtype', 'float32', '--out', 'm32.onnx'], files);
    expect(r32.bytes['m32.onnx']).toEqual(exportOnnx(parseGraphFile(moonsText), { dtype: 'float32' }));
  });

  it.each<[string, string[], RegExp]>([
    ['no --out', ['export', 'moons.bpgraph', '--to', 'onnx'], /^backprop-studio export: --to onnx writes a binary file: give --out FILE\n$/],
    ['a bad --dtype', ['export', 'moons.bpgraph', '--to', 'onnx', '--dtype', 'float16', '--out', 'm.onnx'], /^backprop-studio export: --dtype "float16": expected float64 or float32\n$/],
  ])('exits 2 on %s, with one line', async (_what, argv, message) => {
    const r = await runCli(argv, files);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(Object.keys(r.bytes)).toEqual([]);
  });
});
