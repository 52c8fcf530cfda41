import type { GraphEdge } from './types.ts';

/**
 * Kahn's algorithm; among ready nodes the earliest in document order goes first, so the order is
 * deterministic and follows how the user laid the graph out. On a cycle, returns one loop.
 */
export function topologicalOrder(ids: readonly string[], edges: readonly GraphEdge[]): { order: string[] } | { cycle: string[] } {
  const rank = new Map(ids.map((id, i) => [id, i]));
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!rank.has(e.source) || !rank.has(e.target)) continue;
    next.get(e.source)!.push(e.target);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const t of next.get(id)!) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  if (order.length === ids.length) return { order };
  return { cycle: findLoop(ids.filter((id) => indegree.get(id)! > 0), edges) };
}

/**
 * Every node left over still has a left-over predecessor, so walking predecessors from any of them
 * must repeat a node: the walk between the two visits is a loop (reversed into edge direction).
 */
function findLoop(stuck: string[], edges: readonly GraphEdge[]): string[] {
  const left = new Set(stuck);
  const predecessor = new Map<string, string>();
  for (const e of edges) if (left.has(e.source) && left.has(e.target) && !predecessor.has(e.target)) predecessor.set(e.target, e.source);
  const path: string[] = [];
  const seen = new Map<string, number>();
  let id = stuck[0]!;
  while (!seen.has(id)) {
    seen.set(id, path.length);
    path.push(id);
    id = predecessor.get(id)!;
  }
  const loop = path.slice(seen.get(id)).reverse();
  // Start the loop at its earliest node in document order, so messages are stable.
  const first = loop.indexOf([...loop].sort((a, b) => stuck.indexOf(a) - stuck.indexOf(b))[0]!);
  return [...loop.slice(first), ...loop.slice(0, first)];
}
