import type { TensorJson } from '../tensor.ts';

/** A graph as the document holds it and the file stores it. Unknown fields are kept, not dropped. */
export interface GraphNode {
  id: string;
  kind: string;
  /** What people read (panels, equations, exports); `id` stays the stable key. Defaults to the id. */
  name?: string;
  position?: { x: number; y: number };
  config?: Record<string, unknown>;
  params?: Record<string, TensorJson>;
  /** Data kinds (input, target): the tensor they emit, [batch, size]. */
  value?: TensorJson;
  [extra: string]: unknown;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  [extra: string]: unknown;
}

export interface Graph {
  name: string;
  /** Seed of parameter initialisation for params the graph does not store. */
  seed?: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  [extra: string]: unknown;
}

/** Every node has exactly one output port. */
export const OUTPUT_PORT = 'out';
