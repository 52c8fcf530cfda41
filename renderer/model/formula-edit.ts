// Edits of a formula node as one graph change each: its expression, or its input names. Renaming an
// input (same position, a name not used before) renames it in the expression and moves its edge to
// the new port; a name kept keeps its edge (also when the order changes); a name dropped drops its
// edge, so no edge is left pointing at a port that no longer exists. An edit the formula cannot take
// (a parse error, a dropped name the expression still uses) is refused with the message and column,
// and the graph is left as it was.
import { compileFormula, FormulaError, inputNamesProblem, nodeInputPorts, renameInputs, type Graph, type GraphNode } from '../../engine/index.ts';

export type FormulaEdit =
  | { readonly ok: true; readonly graph: Graph; /** old port → new port, for what the edit did. */ readonly renamed: Readonly<Record<string, string>>; readonly dropped: readonly string[] }
  | { readonly ok: false; readonly message: string; /** 1-based, in the text edited. */ readonly column?: number };

function formulaNode(graph: Graph, id: string): GraphNode {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node || node.kind !== 'formula') throw new Error(`no formula node "${id}"`);
  return node;
}

const expressionOf = (node: GraphNode): string => (typeof node.config?.expression === 'string' ? node.config.expression : 'x');

type Refusal = Extract<FormulaEdit, { ok: false }>;

function check(expression: string, inputs: readonly string[]): Refusal | null {
  try {
    compileFormula(expression, inputs);
    return null;
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, message: e.message, column: e.column };
    throw e;
  }
}

const withConfig = (graph: Graph, id: string, config: Record<string, unknown>): Graph => ({
  ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, config: { ...n.config, ...config } } : n)),
});

export function editExpression(graph: Graph, id: string, expression: string): FormulaEdit {
  const node = formulaNode(graph, id);
  const inputs = [...nodeInputPorts(node)];
  const refused = check(expression, inputs);
  if (refused) return refused;
  return { ok: true, graph: withConfig(graph, id, { expression, inputs }), renamed: {}, dropped: [] };
}

/** Parses "x, y , z" (commas or spaces) into names. */
export function parseNames(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

export function editInputs(graph: Graph, id: string, inputs: readonly string[]): FormulaEdit {
  const node = formulaNode(graph, id);
  const old = nodeInputPorts(node);
  const names = inputNamesProblem(inputs);
  if (names) return { ok: false, message: names };
  // position i renamed: the old name is gone and the new one is new
  const renamed: Record<string, string> = {};
  if (inputs.length === old.length) old.forEach((o, i) => { if (!inputs.includes(o) && !old.includes(inputs[i]!)) renamed[o] = inputs[i]!; });
  let expression = expressionOf(node);
  try {
    expression = renameInputs(expression, renamed);
  } catch {
    // an expression that does not tokenize keeps its text; check() names the problem
  }
  const refused = check(expression, inputs);
  if (refused) return { ok: false, message: `${refused.message}, in the expression ${JSON.stringify(expression)}` };
  const dropped = old.filter((o) => !inputs.includes(o) && !Object.hasOwn(renamed, o));
  const edges = graph.edges.flatMap((e) => {
    if (e.target !== id) return [e];
    if (Object.hasOwn(renamed, e.targetPort)) return [{ ...e, targetPort: renamed[e.targetPort]! }];
    return inputs.includes(e.targetPort) ? [e] : [];
  });
  return { ok: true, graph: { ...withConfig(graph, id, { expression, inputs: [...inputs] }), edges }, renamed, dropped };
}
