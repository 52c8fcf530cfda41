// Issue 12.3: `torchrun --standalone --nproc_per_node=2 model.py train` (DistributedDataParallel, gloo on
// the CPU) trains as the CLI does, to 1e-9 in float64: each process takes every second sample of each
// batch, and the gradients combine to the whole batch's for summed and mean losses alike, also when the
// last batch is uneven or leaves one process without a sample. Debian's torchrun cannot start any
// script on Python 3.11, so the tests launch torch.distributed.run through test/support/torchrun.py.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../engine/index.ts';
import { exportFolder, runTrain } from '../support/pytorch-export.ts';
import { requireTorch } from '../support/torch.ts';
import { cliTrain, expectSameParams } from './support/cli-train.ts';
import { boundGraph, unevenGraph } from './support/training-graphs.ts';

const TORCHRUN = fileURLToPath(new URL('../support/torchrun.py', import.meta.url));
const folder = exportFolder();
afterAll(() => folder.remove());

describe('torchrun with 2 processes against the CLI train (float64, CPU, gloo)', () => {
  it.for<[string, Graph]>([
    ['21 stored samples in batches of 5 (the last process gets no sample of the last batch), sum and mean losses, SGD with momentum, a layer reaching no loss', unevenGraph()],
    ['a bound dataset, 40 samples in batches of 7, sum and mean losses, Adam', boundGraph()],
  ])('%s', { timeout: 300_000 }, async ([, graph], ctx) => {
    const python = requireTorch(ctx);
    const path = folder.write(graph.name.replace(/\W+/g, '-'), graph);
    const run = runTrain(python, ['--standalone', '--nproc_per_node=2', '--monitor_interval=0.1', path, 'train'], join(folder.dir, `${graph.name}.json`), { prefix: [TORCHRUN] });
    expect(run.stdout).toMatch(/epoch \d+\/\d+ {2}train loss/); // rank 0 reports, once per epoch shown
    expectSameParams(run.params, await cliTrain(graph), 1e-9);
  });
});
