// The CLI's `train` as the reference of the training tests, and the comparison of trained parameters.
import { expect } from 'vitest';
import { parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { expectClose } from '../../engine/support/close.ts';
import { runCli } from '../../support/cli-in-process.ts';
import type { TrainedParams } from '../../support/pytorch-export.ts';

/** The parameters `train FILE [--epochs N] --out` writes, as "<node>.<param>" → numbers. */
export async function cliTrain(graph: Graph, epochs?: number): Promise<Record<string, number[]>> {
  const flags = epochs === undefined ? [] : ['--epochs', String(epochs)];
  const r = await runCli(['train', 'g.bpgraph', ...flags, '--out', 'trained.bpgraph'], { 'g.bpgraph': serializeGraph(graph) });
  if (r.code !== 0) throw new Error(r.stderr);
  const trained = parseGraphFile(r.files['trained.bpgraph']!);
  return Object.fromEntries(trained.nodes.flatMap((n) => Object.entries(n.params ?? {}).map(([name, t]) => [`${n.id}.${name}`, t.data])));
}

export function expectSameParams(python: TrainedParams, engine: Record<string, number[]>, tol: number): void {
  expect(Object.keys(python).sort()).toEqual(Object.keys(engine).sort());
  for (const [key, data] of Object.entries(engine)) expectClose(python[key]!.data, data, tol, key);
}
