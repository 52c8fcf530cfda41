// Issue 12.7: the exported ONNX model, run by ONNX Runtime, gives the engine's forward outputs: every
// node's value (exported with everyNode) and the loss, for every example and random graphs over every
// module kind: to 1e-12 in float64 and 1e-5 in float32, relative to values above 1 in magnitude (a sum
// loss of 30 in float32 is itself only good to ~2e-6).
import { describe, expect, it } from 'vitest';
import { moduleKinds, type Graph } from '../../engine/index.ts';
import { exportOnnx } from '../../interop/index.ts';
import { requireOrt, runOnnx } from '../support/onnxruntime.ts';
import { dataValues, engineRun, ONNX_REFUSED, onnxCases } from './support/onnx-cases.ts';

const TOLERANCE = { float64: 1e-12, float32: 1e-5 } as const;

/** The largest |a − e| / max(1, |e|). */
function maxDiff(actual: readonly number[], expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  for (let i = 0; i < actual.length; i++) max = Math.max(max, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return max;
}

describe('exported ONNX model in ONNX Runtime against the engine', () => {
  it('the cases use every module kind the export handles', () => {
    const used = new Set(onnxCases.flatMap((c) => c.graph.nodes.map((n) => n.kind)));
    expect(moduleKinds.filter((k) => !used.has(k))).toEqual(ONNX_REFUSED);
  });

  it('every formula function, softplus at ±40 and a constant formula give the engine\'s values (float64)', async (ctx) => {
    const ort = await requireOrt(ctx);
    const expressions = [
      'exp(a) - log(a) + sqrt(a)', 'abs(b) * sin(b) / cos(b)', 'tanh(b) + sigmoid(b) - relu(b)', 'softplus(40 * b) + softplus(-40 * b)',
      'pow(a, b) + a ^ 2', 'min(a, b) * max(a, 0.5)', 'pi * e + 3', '-(a - b) / (a + 1)',
    ];
    const a = [0.25, 1, 2.5, 7], b = [-1.5, -0.25, 0.5, 2];
    const graph: Graph = {
      name: 'formulas',
      nodes: [
        { id: 'a', kind: 'input', config: { size: 1 }, value: { shape: [4, 1], data: a } },
        { id: 'b', kind: 'input', config: { size: 1 }, value: { shape: [4, 1], data: b } },
        ...expressions.map((expression, i) => ({ id: `f${i}`, kind: 'formula', config: { expression, inputs: ['a', 'b'] } })),
      ],
      edges: expressions.flatMap((_, i) => ['a', 'b'].map((p) => ({ id: `${p}->f${i}`, source: p, sourcePort: 'out', target: `f${i}`, targetPort: p }))),
    };
    const engine = engineRun(graph);
    const outputs = await runOnnx(ort, exportOnnx(graph), dataValues(graph), 'float64');
    expressions.forEach((expression, i) => {
      const diff = maxDiff(outputs[`f${i}`]!, engine.nodes[`f${i}`]!.output.data);
      expect(diff, `${expression} differs by ${diff}`).toBeLessThanOrEqual(TOLERANCE.float64);
    });
  });

  for (const dtype of ['float64', 'float32'] as const) {
    onnxCases.forEach(({ name, graph }) => {
      it(`${name} (${dtype}): every node's output within ${TOLERANCE[dtype]}`, async (ctx) => {
        const ort = await requireOrt(ctx);
        const engine = engineRun(graph);
        const outputs = await runOnnx(ort, exportOnnx(graph, { dtype, everyNode: true }), dataValues(graph), dtype);
        const computed = graph.nodes.filter((n) => n.kind !== 'input' && n.kind !== 'target').map((n) => n.id);
        expect(Object.keys(outputs).sort()).toEqual([...computed].sort());
        for (const id of computed) {
          const diff = maxDiff(outputs[id]!, engine.nodes[id]!.output.data);
          expect(diff, `${name}: node "${id}" differs by ${diff}`).toBeLessThanOrEqual(TOLERANCE[dtype]);
        }
      });
    });
  }
});
