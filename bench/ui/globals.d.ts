import type { Graph } from '../../engine/index.ts';

declare global {
  interface Window {
    __bps: { getDocument(): Graph; getRunStatus(): { status: string; runs: number; stale: boolean }; loadDocument(graph: Graph): void };
  }
}
