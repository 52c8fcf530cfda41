// Issue 12.7: the exported PyTorch model computes what the engine computes. For every example and a
// set of random graphs using every module kind: the loss, every node's output and every parameter's
// gradient of Model(dtype=float64) equal `run --json` to 1e-10; its starting parameters and its data
// (model.data()) are the engine's exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { buildFeed, parseGraphFile, serializeGraph, withDatasetPreview, type Graph, type TensorJson } from '../../engine/index.ts';
import { expectClose } from '../engine/support/close.ts';
import { runCli } from '../support/cli-in-process.ts';
import { exportFolder, runModels, type ModelRun } from '../support/pytorch-export.ts';
import { requireTorch } from '../support/torch.ts';
import { randomGraphs } from './support/random-graphs.ts';

const TOL = 1e-10;
const examplesDir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.bpgraph')).sort();

interface Case { readonly name: string; readonly graph: Graph }
const cases: Case[] = [
  ...examples.map((f) => ({ name: `example ${f}`, graph: parseGraphFile(readFileSync(new URL(f, examplesDir), 'utf8')) })),
  ...randomGraphs({ count: 12, seed: 12 }).map((graph, i) => ({ name: `random graph ${i}`, graph })),
];

/** What the engine runs: a dataset-bound graph on its first 16 training samples (as the canvas shows it). */
const engineGraph = (g: Graph): Graph => withDatasetPreview(g, 16);
const isBound = (g: Graph): boolean => buildFeed(g).dataset !== null;

type RunJson = {
  loss: number | null;
  nodes: Record<string, { output: TensorJson; params: Record<string, { value: TensorJson; grad: TensorJson }> }>;
};

const folder = exportFolder();
afterAll(() => folder.remove());
let runs: Promise<{ engine: RunJson[]; torch: ModelRun[] }> | undefined;

/** Every case through the CLI's run --json and through torch (one Python process), once. */
function results(ctx: TestContext) {
  const python = requireTorch(ctx);
  runs ??= (async () => {
    const engine = await Promise.all(cases.map(async ({ graph }) => {
      // The CLI runs a bound graph on PREVIEW_SAMPLES unless told: here the 16 the torch side gets.
      const samples = graph.nodes.some((n) => n.binding !== undefined) ? ['--samples', '16'] : [];
      const r = await runCli(['run', 'g.bpgraph', '--json', ...samples], { 'g.bpgraph': serializeGraph(engineGraph(graph)) });
      if (r.code !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout) as RunJson;
    }));
    const torch = runModels(python, cases.map(({ name, graph }, i) => {
      const path = folder.write(`case${i}`, graph);
      if (!isBound(graph)) return { path };
      // Bound graphs: the engine ran the preview's samples; the model gets the same rows.
      const values = Object.fromEntries(engineGraph(graph).nodes.filter((n) => n.value).map((n) => [n.id, n.value!]));
      expect(Object.keys(values).length, name).toBeGreaterThan(0);
      return { path, data: values };
    }));
    return { engine, torch };
  })();
  return runs;
}

describe('exported PyTorch model against the engine (float64)', () => {
  it('the random graphs use every module kind, display names that are not Python names among them', () => {
    const kinds = new Set(cases.flatMap((c) => c.graph.nodes.map((n) => n.kind)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['linear', 'bce_logits', 'softmax_ce', 'concat']));
    expect(cases.some((c) => c.graph.nodes.some((n) => n.name === 'class'))).toBe(true);
  });

  cases.forEach(({ name, graph }, i) => {
    it(`${name}: loss, every node output and every parameter gradient equal run --json to 1e-10`, async (ctx) => {
      const { engine: all, torch: allTorch } = await results(ctx);
      const engine = all[i]!, torch = allTorch[i]!;
      if (engine.loss === null) expect(torch.loss).toBeNull();
      else expectClose([torch.loss!], [engine.loss], TOL, 'loss');
      expect(Object.keys(torch.outputs).sort()).toEqual(Object.keys(engine.nodes).sort());
      for (const [id, node] of Object.entries(engine.nodes)) {
        expectClose(torch.outputs[id]!, node.output.data, TOL, `output of "${id}"`);
        for (const [param, p] of Object.entries(node.params)) {
          const key = `${id}.${param}`;
          expect(torch.params[key], `${key}: the value the model starts from`).toEqual(p.value.data);
          expectClose(torch.grads[key] ?? p.grad.data.map(() => 0), p.grad.data, TOL, `dL/d${key}`);
        }
      }
      const engineKeys = Object.entries(engine.nodes).flatMap(([id, n]) => Object.keys(n.params).map((p) => `${id}.${p}`));
      expect(Object.keys(torch.params).sort()).toEqual(engineKeys.sort());
    });

    it(`${name}: model.data() holds the engine's training and test samples exactly`, async (ctx) => {
      const { torch: allTorch } = await results(ctx);
      const feed = buildFeed(graph);
      for (const split of ['train', 'test'] as const) {
        const size = split === 'train' ? feed.trainSize : feed.testSize;
        expect(Object.keys(allTorch[i]!.splits[split]).sort()).toEqual(feed.sources.map((s) => s.nodeId).sort());
        for (const s of feed.sources) {
          expect(allTorch[i]!.splits[split][s.nodeId], `${split} ${s.nodeId}`).toEqual({ shape: [size, s.width], data: Array.from(s[split]) });
        }
      }
    });
  });
});
