// An edit that changed only numbers (a weight typed in, a data value, a training run's parameters)
// re-runs the worker's compiled program instead of compiling the document again: the client sends
// just the changed nodes, and the worker writes their numbers into the program's buffers and runs
// forward from the first of them. Anything else (a new node, a config, a dataset) compiles afresh.
import { MODULE_KIND, sameShape, type Graph, type GraphNode, type Program, type TensorJson } from '../../engine/index.ts';
import { diffGraphs } from '../model/graph-change.ts';

/** The nodes to send instead of `to`, when only their numbers differ from `from`; null when `to` must be compiled. */
export function numbersPatch(from: Graph, to: Graph): GraphNode[] | null {
  const change = diffGraphs(from, to);
  if (change.kind !== 'numbers') return null;
  const nodes = to.nodes.filter((n) => change.nodes.has(n.id));
  // A bound input's value is the dataset's, and a module instance's parameters live inside it.
  return nodes.every((n) => n.binding === undefined && n.kind !== MODULE_KIND) ? nodes : null;
}

/** The graph with these nodes put in place of those with their ids. */
export function withNodes(graph: Graph, nodes: readonly GraphNode[]): Graph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return { ...graph, nodes: graph.nodes.map((n) => byId.get(n.id) ?? n) };
}

/**
 * Writes the nodes' parameters and values into the program's buffers. Returns the position (in the
 * program's order) to run forward from, or null when a node cannot be patched and the document must
 * be compiled again. Nodes outside the program (not wired yet) do not run, so they are skipped.
 */
export function writeNumbers(program: Program, positions: ReadonlyMap<string, number>, nodes: readonly GraphNode[]): number | null {
  let first = program.nodes.length;
  for (const node of nodes) {
    const at = positions.get(node.id);
    if (at === undefined) continue;
    if (node.binding !== undefined || node.kind === MODULE_KIND) return null;
    const compiled = program.nodes[at]!;
    if (compiled.kind !== node.kind) return null;
    for (const [name, json] of Object.entries(node.params ?? {})) {
      const i = compiled.paramNames.indexOf(name);
      if (i < 0) continue; // a parameter the module does not have is not read by a compile either
      if (!write(compiled.frame.params[i]!, json)) return null;
    }
    const value = compiled.frame.value;
    if (node.value && value && !write(value, node.value)) return null;
    first = Math.min(first, at);
  }
  return first;
}

/** Copies a document tensor into a buffer of the same shape; false when it is not one. */
function write(target: { readonly shape: readonly number[]; readonly data: Float64Array }, json: TensorJson): boolean {
  if (!Array.isArray(json.shape) || !Array.isArray(json.data) || !sameShape(target.shape, json.shape) || json.data.length !== target.data.length) return false;
  if (!json.data.every(Number.isFinite)) return false;
  target.data.set(json.data);
  return true;
}
