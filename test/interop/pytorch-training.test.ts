// Issue 12.2: `python3 model.py train` trains as `train FILE` does, step for step: the same initial
// parameters, batches and updates, so after the same epochs every parameter equals the CLI's to 1e-9
// (float64, CPU). Every example (at most ~200 steps each, to stay fast), graphs with uneven last batches,
// both reductions, SGD with momentum and Adam, weight decay and L1, and random graphs over every module kind.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { compileGraph, createTrainer, parseGraphFile, type Graph } from '../../engine/index.ts';
import { exportFolder, runTrain, type TrainedParams } from '../support/pytorch-export.ts';
import { requireTorch, runTorchScript } from '../support/torch.ts';
import { cliTrain, expectSameParams } from './support/cli-train.ts';
import { randomGraphs } from './support/random-graphs.ts';
import { boundGraph, unevenGraph } from './support/training-graphs.ts';

const TOL = 1e-9;
const MAX_STEPS = 200;
const examplesDir = new URL('../../examples/', import.meta.url);

/** Epochs that keep a case near MAX_STEPS steps (all of them when the file asks for fewer). */
function epochsFor(graph: Graph): number {
  const t = createTrainer(graph);
  return Math.max(1, Math.min(t.settings.epochs, Math.floor(MAX_STEPS / t.stepsPerEpoch)));
}

/** A parameter with a path to a loss: else training changes nothing (and the export refuses to train). */
function trainable(graph: Graph): boolean {
  return compileGraph(graph).nodes.some((n) => n.paramNames.length > 0 && n.reachesLoss);
}

interface Case { readonly name: string; readonly graph: Graph }
const regularised = (g: Graph, weightDecay: number, l1: number): Graph => ({ ...g, training: { ...(g.training ?? {}), weightDecay, l1 } });
const cases: Case[] = [
  ...readdirSync(examplesDir).filter((f) => f.endsWith('.bpgraph')).sort()
    .map((f) => ({ name: `example ${f}`, graph: parseGraphFile(readFileSync(new URL(f, examplesDir), 'utf8')) })),
  { name: 'uneven batches (sum and mean, SGD with momentum, a layer reaching no loss)', graph: unevenGraph() },
  { name: 'a bound dataset (uneven batches, sum and mean, Adam)', graph: boundGraph() },
  // Issue 13.8: weight_decay in torch.optim and L1's sign(θ) on .grad; the dead layer decays too.
  { name: 'uneven batches with weight decay and L1 (SGD with momentum)', graph: regularised(unevenGraph(), 0.02, 0.003) },
  { name: 'a bound dataset with weight decay and L1 (Adam)', graph: regularised(boundGraph(), 0.01, 0.002) },
  ...randomGraphs({ count: 8, seed: 34, extra: 6 }).filter(trainable).slice(0, 4).map((g, i) => ({
    name: `random graph ${i}`,
    graph: { ...g, training: { optimizer: i % 2 ? 'sgd' : 'adam', momentum: 0.5, learningRate: 0.01, batchSize: 2, epochs: 3, seed: i } },
  })),
];

// Every case's `main(["train", …])` in one Python process (torch takes seconds to start on a busy machine).
const TRAIN_ALL = String.raw`
import contextlib, importlib.util, io
for i, case in enumerate(inp['cases']):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", case['path'])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with contextlib.redirect_stdout(io.StringIO()):
        module.main(['train', '--epochs', str(case['epochs']), '--out', case['out']])
emit(None)
`;

const folder = exportFolder();
afterAll(() => folder.remove());
let trained: Promise<TrainedParams[]> | undefined;

function pythonTrained(ctx: TestContext): Promise<TrainedParams[]> {
  const python = requireTorch(ctx);
  trained ??= Promise.resolve().then(() => {
    const runs = cases.map(({ graph }, i) => ({ path: folder.write(`case${i}`, graph), epochs: epochsFor(graph), out: join(folder.dir, `case${i}.json`) }));
    runTorchScript(python, TRAIN_ALL, { cases: runs });
    return runs.map((r) => JSON.parse(readFileSync(r.out, 'utf8')) as TrainedParams);
  });
  return trained;
}

describe('python3 model.py train against the CLI train (float64, CPU)', () => {
  cases.forEach(({ name, graph }, i) => {
    it(`${name}: the same parameters after ${epochsFor(graph)} epochs, to 1e-9`, async (ctx) => {
      const python = (await pythonTrained(ctx))[i]!;
      expectSameParams(python, await cliTrain(graph, epochsFor(graph)), TOL);
    });
  });

  it('runs from the command line, reports its epochs and writes --out', async (ctx) => {
    const python = requireTorch(ctx);
    const graph = unevenGraph();
    const path = folder.write('cli', graph);
    const run = runTrain(python, [path, 'train', '--epochs', '2'], join(folder.dir, 'cli.json'));
    expect(run.stdout).toMatch(/^epoch 1\/2 {2}train loss \S+\nepoch 2\/2 {2}train loss \S+\n$/);
    expectSameParams(run.params, await cliTrain(graph, 2), TOL);
  });
});
