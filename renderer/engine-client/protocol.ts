// The typed messages between the UI and the engine worker. Every request carries an id; a reply
// whose id is not the latest request is stale and dropped by the client.
import type { Graph, GraphIssue, GraphNode } from '../../engine/index.ts';
import type { PackedLabels } from './packed-results.ts';

/** What a run request adds: the edges whose labels are on screen, whose numbers its reply carries. */
interface Labelled { readonly labels: readonly string[] }

export type EngineRequest =
  | { readonly type: 'run'; readonly id: number; readonly graph: Graph } & Labelled
  /**
   * The worker's last document with these nodes replaced, where only their numbers changed
   * (`numbersPatch`): the worker re-runs its compiled program instead of compiling the document again.
   */
  | { readonly type: 'numbers'; readonly id: number; readonly nodes: readonly GraphNode[] } & Labelled
  /** Every number of run `id`, if nothing has run since (the worker keeps them in its program). */
  | { readonly type: 'full'; readonly id: number };

export type EngineReply =
  | { readonly type: 'results'; readonly id: number; readonly results: PackedLabels; readonly ms: number }
  /** Laid out as the run's layout says; null when another run has replaced those numbers. */
  | { readonly type: 'full'; readonly id: number; readonly data: Float64Array | null }
  | { readonly type: 'invalid'; readonly id: number; readonly issues: GraphIssue[]; readonly ms: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
