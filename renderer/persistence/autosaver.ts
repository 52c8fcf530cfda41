// Autosave timer shared by both modes: every few seconds, if the document is dirty and changed
// since the last autosave, hand it to DocumentFiles.autosave.
import type { Graph } from '../../engine/index.ts';
import type { DocumentFiles } from './types.ts';

export const AUTOSAVE_INTERVAL_MS = 5_000;

export interface AutosaverOptions {
  getGraph(): Graph;
  isDirty(): boolean;
  intervalMs?: number;
  onError?(e: unknown): void;
}

/** Starts the timer; the returned function stops it. */
export function startAutosaver(files: Pick<DocumentFiles, 'autosave'>, options: AutosaverOptions): () => void {
  let last: Graph | null = null;
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy || !options.isDirty()) return;
    const graph = options.getGraph();
    if (graph === last) return; // documents are immutable snapshots: same object, nothing new to keep
    busy = true;
    try {
      await files.autosave(graph);
      last = graph;
    } catch (e) {
      options.onError?.(e);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => { void tick(); }, options.intervalMs ?? AUTOSAVE_INTERVAL_MS);
  return () => clearInterval(timer);
}
