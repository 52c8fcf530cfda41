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
  /** Composite module definitions, by name; nodes of kind `module` use them (engine/composite/). */
  modules?: Record<string, ModuleDefinition>;
  [extra: string]: unknown;
}

/** Where a composite module's port lands inside it: an inner node and one of its ports. */
export interface ModulePortRef {
  node: string;
  port: string;
  [extra: string]: unknown;
}

/**
 * A composite module, stored once under the graph's `modules` and used by any number of instance
 * nodes (kind `module`, config `{ module: name }`). Its ports are the names of `inputs` and `outputs`.
 */
export interface ModuleDefinition {
  inputs: Record<string, ModulePortRef>;
  outputs: Record<string, ModulePortRef>;
  /** All instances use one set of parameters (`params`), whose gradient sums every use. */
  shared: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Shared modules: the parameters, as "<innerId>.<param>" (nested: "<inner>/<id>.<param>"). */
  params?: Record<string, TensorJson>;
  [extra: string]: unknown;
}

/** The kind of a composite module's instance node. */
export const MODULE_KIND = 'module';

/** Every node has exactly one output port. */
export const OUTPUT_PORT = 'out';
