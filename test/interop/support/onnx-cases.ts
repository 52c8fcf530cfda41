// The graphs the ONNX tests export: every example (a dataset-bound one on its first 16 training
// samples, as the canvas runs it) and random graphs over every exportable module kind.
import { readdirSync, readFileSync } from 'node:fs';
import { compileGraph, parseGraphFile, withDatasetPreview, type Graph, type ModuleKind, type RunResults } from '../../../engine/index.ts';
import { randomGraphs } from './random-graphs.ts';

const examplesDir = new URL('../../../examples/', import.meta.url);

export interface OnnxCase { readonly name: string; readonly graph: Graph }

/** The kinds the ONNX export refuses by name (none now); every other kind is exported and tested. */
export const ONNX_REFUSED: readonly ModuleKind[] = [];

export const exampleCases: OnnxCase[] = readdirSync(examplesDir).filter((f) => f.endsWith('.bpgraph')).sort()
  .map((f) => ({ name: `example ${f}`, graph: withDatasetPreview(parseGraphFile(readFileSync(new URL(f, examplesDir), 'utf8')), 16) }));

export const onnxCases: OnnxCase[] = [
  ...exampleCases,
  ...randomGraphs({ count: 12, seed: 1205, without: ONNX_REFUSED }).map((graph, i) => ({ name: `random graph ${i}`, graph })),
];

/** The engine's forward and backward pass of a graph on its stored data. */
export function engineRun(graph: Graph): RunResults {
  const program = compileGraph(graph);
  program.forward();
  program.backward();
  return program.results();
}

/** The data nodes' stored values by node id: what an ONNX runtime is fed. */
export function dataValues(graph: Graph): Map<string, { shape: number[]; data: number[] }> {
  return new Map(graph.nodes.filter((n) => n.value).map((n) => [n.id, n.value!]));
}
