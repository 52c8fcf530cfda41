// The typed messages between the UI and the engine worker. Every request carries an id; a reply
// whose id is not the latest request is stale and dropped by the client.
import type { Graph, GraphIssue, GraphNode } from '../../engine/index.ts';
import type { PackedResults } from './packed-results.ts';

export type EngineRequest =
  | { readonly type: 'run'; readonly id: number; readonly graph: Graph }
  /**
   * The worker's last document with these nodes replaced, where only their numbers changed
   * (`numbersPatch`): the worker re-runs its compiled program instead of compiling the document again.
   */
  | { readonly type: 'numbers'; readonly id: number; readonly nodes: readonly GraphNode[] };

export type EngineReply =
  | { readonly type: 'results'; readonly id: number; readonly results: PackedResults; readonly ms: number }
  | { readonly type: 'invalid'; readonly id: number; readonly issues: GraphIssue[]; readonly ms: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
