// Painting data (issue 13.10) as pure edits: where a painted dataset goes, why a graph cannot take
// one (in words), and that the points are an embedded dataset the one file reader reads back and the
// trainer trains on.
import { describe, expect, it } from 'vitest';
import { buildDataset, createTrainer, parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { eraseNear, paintCheck, paintedPoints, withPaintedPoints, type PaintPoint } from '../../../renderer/data-ui/paint.ts';
import { planeFrame, planePoints } from '../../../renderer/training/boundary.ts';
import { example } from '../training/support.ts';

const edge = (source: string, target: string, port: string) => ({ id: `${source}-${target}-${port}`, source, sourcePort: 'out', target, targetPort: port });

/** x(2, fixed value) → fc(2→2) → softmax_ce ← y(2, fixed): no dataset yet. */
function unbound(targetSize = 2, inputSize = 2): Graph {
  return {
    name: 'blank', seed: 1,
    nodes: [
      { id: 'x', kind: 'input', config: { size: inputSize }, value: { shape: [1, inputSize], data: Array(inputSize).fill(0) } },
      { id: 'fc', kind: 'linear', config: { in: inputSize, out: targetSize } },
      { id: 'y', kind: 'target', config: { size: targetSize }, value: { shape: [1, targetSize], data: Array(targetSize).fill(0) } },
      { id: 'loss', kind: targetSize === 1 ? 'bce_logits' : 'softmax_ce', config: { reduction: 'mean' } },
    ],
    edges: [edge('x', 'fc', 'in'), edge('fc', 'loss', 'logits'), edge('y', 'loss', 'target')],
  };
}

const PTS: PaintPoint[] = [
  { x: -0.5, y: -0.5, cls: 0 }, { x: -0.4, y: -0.6, cls: 0 }, { x: -0.6, y: -0.3, cls: 0 },
  { x: 0.5, y: 0.5, cls: 1 }, { x: 0.6, y: 0.4, cls: 1 }, { x: 0.4, y: 0.7, cls: 1 },
];

describe('paintCheck', () => {
  it('takes a graph with one input of size 2 and one target of size 1 or 2', () => {
    const a = paintCheck(unbound(2));
    expect(a.ok && a.target).toMatchObject({ inputId: 'x', targetId: 'y', labelWidth: 2, dataset: null });
    const b = paintCheck(unbound(1));
    expect(b.ok && b.target.labelWidth).toBe(1);
  });

  it('says in words what does not fit', () => {
    const msg = (g: Graph) => { const c = paintCheck(g); return c.ok ? '' : c.message; };
    expect(msg(unbound(2, 3))).toMatch(/input "x" has size 3\. Set its size to 2/);
    expect(msg(unbound(3))).toMatch(/target "y" has size 3/);
    const noTarget = unbound(); noTarget.nodes = noTarget.nodes.filter((n) => n.id !== 'y');
    expect(msg(noTarget)).toMatch(/no target node/);
    const twoInputs = unbound(); twoInputs.nodes = [...twoInputs.nodes, { id: 'x2', kind: 'input', config: { size: 2 } }];
    expect(msg(twoInputs)).toMatch(/2 input nodes/);
    expect(msg(example('sine-regression'))).toMatch(/regression/);
    expect(msg(example('iris-mlp'))).toMatch(/4 features/);
  });
});

describe('withPaintedPoints', () => {
  it('an unbound graph gets an embedded dataset "painted", input and target bound to it; the file keeps it; training uses it', () => {
    const c = paintCheck(unbound(2));
    if (!c.ok) throw new Error(c.message);
    const g = withPaintedPoints(unbound(2), c.target, PTS);
    expect(g.datasets).toHaveProperty('painted');
    const spec = (g.datasets as Record<string, { source: string; features: { shape: number[]; data: number[] }; labels: { data: number[] } }>).painted!;
    expect(spec.source).toBe('embedded');
    expect(spec.features.shape).toEqual([6, 2]);
    expect(spec.labels.data.slice(0, 2)).toEqual([1, 0]); // one-hot, class 0
    expect(g.nodes.find((n) => n.id === 'x')!.binding).toEqual({ dataset: 'painted', field: 'features' });
    expect(g.nodes.find((n) => n.id === 'y')!.binding).toEqual({ dataset: 'painted', field: 'labels' });

    const back = parseGraphFile(serializeGraph(g)); // the one reader
    const again = paintCheck(back);
    expect(again.ok && paintedPoints(again.target)).toEqual(PTS);

    const t = createTrainer(back, { settings: { optimizer: 'adam', learningRate: 0.1, epochs: 60, batchSize: 8 } });
    expect(t.feed.trainSize + t.feed.testSize).toBe(6);
    const first = t.evaluate().trainLoss;
    t.runFor(Infinity);
    expect(t.progress().metrics!.trainLoss).toBeLessThan(first / 2);
  });

  it('a generated dataset becomes an embedded copy of its points under the same name, plus the painted one', () => {
    const xor = example('xor-mlp');
    const c = paintCheck(xor);
    if (!c.ok) throw new Error(c.message);
    const before = paintedPoints(c.target);
    expect(before).toHaveLength(4);
    const g = withPaintedPoints(xor, c.target, [...before, { x: 0.5, y: 0.5, cls: 1 }]);
    const spec = (g.datasets as Record<string, { source: string; labelNames: string[]; testFraction: number }>).data!;
    expect(spec).toMatchObject({ source: 'embedded', labelNames: ['class 1'], testFraction: 0 });
    const again = paintCheck(g);
    expect(again.ok && paintedPoints(again.target)).toEqual([...before, { x: 0.5, y: 0.5, cls: 1 }]);
  });

  it('the plane the painted points are drawn on is the one training draws them on', () => {
    const c = paintCheck(unbound(1));
    if (!c.ok) throw new Error(c.message);
    const g = withPaintedPoints(unbound(1), c.target, [...PTS, { x: 2.5, y: -1.5, cls: 1 }]);
    const again = paintCheck(g);
    if (!again.ok) throw new Error(again.message);
    const pts = paintedPoints(again.target);
    const spec = again.target.spec!;
    expect(planeFrame(planePoints(buildDataset(spec)))).toEqual(planeFrame({ x: pts.map((p) => p.x), y: pts.map((p) => p.y) }));
    expect(planeFrame({ x: [0.1], y: [0.2] })).toEqual({ x0: -1, x1: 1, y0: -1, y1: 1 }); // the first point does not zoom in
  });
});

describe('eraseNear', () => {
  it('drops the points inside the eraser ellipse only', () => {
    expect(eraseNear(PTS, -0.5, -0.5, 0.15, 0.15)).toEqual(PTS.filter((p) => p.cls === 1 || p.x === -0.6));
  });
});
