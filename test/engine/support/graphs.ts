// Small builders for Graph JSON so each test states its graph in a few lines.
import type { Graph, GraphEdge, GraphNode } from '../../../engine/index.ts';

export function dataNode(id: string, kind: 'input' | 'target', batch: number, size: number, data: number[]): GraphNode {
  return { id, kind, config: { size }, value: { shape: [batch, size], data } };
}

export function linearNode(id: string, inF: number, outF: number, W: number[], b?: number[]): GraphNode {
  const params: GraphNode['params'] = { W: { shape: [outF, inF], data: W } };
  if (b) params.b = { shape: [outF], data: b };
  return { id, kind: 'linear', config: { in: inF, out: outF, bias: b !== undefined }, params };
}

export function opNode(id: string, kind: string, config?: Record<string, unknown>): GraphNode {
  return config ? { id, kind, config } : { id, kind };
}

/** An edge from `source`'s output to `target`'s `port`; the id defaults to "source->target.port". */
export function edge(source: string, target: string, port: string, id = `${source}->${target}.${port}`): GraphEdge {
  return { id, source, sourcePort: 'out', target, targetPort: port };
}

export function graph(nodes: GraphNode[], edges: GraphEdge[], extra: Partial<Graph> = {}): Graph {
  return { name: 'test', nodes, edges, ...extra };
}
