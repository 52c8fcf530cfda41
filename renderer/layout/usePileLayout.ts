// A document whose nodes all share one position (a file written by a script, without positions) opens
// laid out (ELK, model/layout.ts) instead of as a pile: one undoable "layout" step, then a readable fit.
import { useEffect } from 'react';
import type { Graph } from '../../engine/index.ts';
import { moveNodes } from '../model/graph-ops.ts';
import { layoutGraph } from '../model/layout.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { useReadableFit } from './fit.ts';

/** Two or more nodes, all at one position (a missing position counts as the origin). */
export function isPile(graph: Graph): boolean {
  if (graph.nodes.length < 2) return false;
  const at = (n: Graph['nodes'][number]): string => `${n.position?.x ?? 0},${n.position?.y ?? 0}`;
  const first = at(graph.nodes[0]!);
  return graph.nodes.every((n) => at(n) === first);
}

const MEASURE_WAIT_MS = 1500;

export function usePileLayout(): void {
  const fit = useReadableFit();
  useEffect(() => {
    let running = false;
    let disposed = false;
    /** Resolves once React Flow has measured every node of the graph (or after a bound). */
    const measured = (graph: Graph): Promise<void> => new Promise((resolve) => {
      const start = performance.now();
      const attempt = (): void => {
        const sizes = useView.getState().measured;
        if (graph.nodes.every((n) => sizes.has(n.id)) || performance.now() - start > MEASURE_WAIT_MS) resolve();
        else requestAnimationFrame(attempt);
      };
      attempt();
    });
    const check = (graph: Graph): void => {
      if (running || !isPile(graph)) return;
      running = true;
      void measured(graph)
        .then(() => layoutGraph(graph, useView.getState().measured))
        .then((positions) => {
          // Laid out only if nothing changed meanwhile.
          if (disposed || useDocument.getState().graph !== graph) return;
          useDocument.getState().commit('layout', moveNodes(graph, positions));
          fit.afterLayout();
        })
        .finally(() => { running = false; });
    };
    check(useDocument.getState().graph);
    const unsubscribe = useDocument.subscribe((s, prev) => { if (s.graph !== prev.graph) check(s.graph); });
    return () => { disposed = true; unsubscribe(); };
  }, [fit]);
}
