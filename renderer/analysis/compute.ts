// The math panels' numbers, computed in the training worker from the document graph exactly as the
// run worker runs it, so the Jacobian check compares against the gradients the canvas shows.
import {
  compileGraph, gradientCheck, hessian, PATH_SEPARATOR, wiredPart, type Graph, type InstanceInfo, type ParamRef, type Program, type Tensor,
} from '../../engine/index.ts';
import type { GradcheckSummary, HessianReport, JacobianReport } from '../training/protocol.ts';
import { runnableGraph } from '../engine-client/runnable-graph.ts';
import { asymmetry, symmetricEigenvalues } from './eigen.ts';


/** Fewer entries than the engine's limit: the panel draws the matrix and the worker diagonalises it. */
export const HESSIAN_PANEL_LIMIT = 300;

/** Row `sample` of a [batch, n] tensor, or row 0 of a one-row tensor (a loss's scalar). */
function row(t: Tensor, sample: number): number[] {
  const cols = t.shape[1] ?? 1;
  const r = t.shape[0] === 1 ? 0 : sample;
  return Array.from(t.data.subarray(r * cols, (r + 1) * cols));
}

type Jacobian = ReturnType<Program['jacobian']>;
type CompiledEdge = Program['nodes'][number]['inputEdges'][number];

/** The chain rule on one input edge: upstream · J against the gradient the backward pass left on the edge. */
function chainCheck(port: string, e: CompiledEdge, jacobian: Jacobian, upstream: number[], sample: number) {
  const product = Array.from({ length: jacobian.cols }, (_, c) => {
    let s = 0;
    for (let r = 0; r < jacobian.rows; r++) s += upstream[r]! * jacobian.data[r * jacobian.cols + c]!;
    return s;
  });
  const edgeGrad = row(e.grad, sample);
  const maxDiff = product.reduce((m, v, i) => Math.max(m, Math.abs(v - edgeGrad[i]!)), 0);
  return { port, edgeId: e.id, sourceId: e.source.id, jacobian, upstream, product, edgeGrad, maxDiff };
}

/** The program the canvas runs: the wired part of the document, made runnable. */
function compileWired(graph: Graph): Program {
  return compileGraph(runnableGraph(wiredPart(graph).graph));
}

export function jacobianReport(graph: Graph, nodeId: string, sample: number): JacobianReport {
  const program = compileWired(graph);
  program.run();
  const inst = program.instance(nodeId);
  if (inst) return instanceJacobianReport(program, inst, sample);
  const node = program.node(nodeId);
  const upstream = row(node.frame.gradOut, sample);
  const inputs = node.inputEdges.map((e) => {
    return chainCheck(e.portName, e, program.jacobian(nodeId, sample, { input: e.portName }), upstream, sample);
  });
  const params = node.paramNames.map((name) => ({ name, jacobian: program.jacobian(nodeId, sample, { param: name }) }));
  return { nodeId, kind: node.kind, batch: program.batch, sample, inputs, params };
}

/**
 * A composite module's instance: the Jacobian of the whole module (its first output) by each input
 * port and inner parameter ("fc.W"), and the chain-rule check against the gradient on each input edge.
 */
function instanceJacobianReport(program: Program, inst: InstanceInfo, sample: number): JacobianReport {
  const out = program.node(Object.values(inst.outputs)[0]!);
  const upstream = row(out.frame.gradOut, sample);
  const inputs = Object.entries(inst.inputs).flatMap(([port, at]) => {
    const target = program.node(at.node);
    const e = target.inputEdges[target.ports.indexOf(at.port)];
    if (!e) return [];
    return [chainCheck(port, e, program.jacobian(inst.id, sample, { input: port }), upstream, sample)];
  });
  const prefix = `${inst.id}${PATH_SEPARATOR}`;
  const params = program.nodes.filter((n) => n.id.startsWith(prefix)).flatMap((n) => n.paramNames.map((p) => {
    const name = `${n.id.slice(prefix.length)}.${p}`;
    return { name, jacobian: program.jacobian(inst.id, sample, { param: name }) };
  }));
  return { nodeId: inst.id, kind: `module ${inst.module}`, batch: program.batch, sample, inputs, params };
}

export function hessianReport(graph: Graph, refs: readonly ParamRef[]): HessianReport {
  const program = compileWired(graph);
  const { labels, matrix } = hessian(program, refs);
  if (labels.length > HESSIAN_PANEL_LIMIT) throw new Error(`${labels.length} entries selected; this panel shows at most ${HESSIAN_PANEL_LIMIT}`);
  return { labels, matrix, asymmetry: asymmetry(matrix.rows, matrix.data), eigenvalues: symmetricEigenvalues(matrix.rows, matrix.data).values };
}

export function gradcheckSummary(graph: Graph): GradcheckSummary {
  return gradientCheck(compileWired(graph));
}
