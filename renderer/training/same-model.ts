// Whether the document still trains as the graph a run started from: moving nodes or renaming the
// graph does not matter, any other edit does. Edits replace objects (the document is immutable), so
// comparing references field by field is exact enough and cheap enough to run on every render.
import type { Graph } from '../../engine/index.ts';

const IGNORED_GRAPH_KEYS = new Set(['name', 'nodes']);
const IGNORED_NODE_KEYS = new Set(['position']);

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, ignored: ReadonlySet<string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!ignored.has(k) && a[k] !== b[k]) return false;
  return true;
}

export function sameModel(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (!sameFields(a, b, IGNORED_GRAPH_KEYS) || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => n === b.nodes[i] || sameFields(n, b.nodes[i]!, IGNORED_NODE_KEYS));
}
