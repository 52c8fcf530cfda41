// The typed messages between the UI and the engine worker. Every request carries an id; a reply
// whose id is not the latest request is stale and dropped by the client.
import type { Graph, GraphIssue, RunResults } from '../../engine/index.ts';

export type EngineRequest = { readonly type: 'run'; readonly id: number; readonly graph: Graph };

export type EngineReply =
  | { readonly type: 'results'; readonly id: number; readonly results: RunResults; readonly ms: number }
  | { readonly type: 'invalid'; readonly id: number; readonly issues: GraphIssue[]; readonly ms: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
