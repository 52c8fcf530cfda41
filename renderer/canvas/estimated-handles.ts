// Where a node's handles would be before React Flow has measured it. React Flow renders every node
// it has no handle bounds for, visible or not, to measure it: a 10,000-node file would mount 10,000
// nodes once. Given these estimates, it culls unmeasured nodes too and measures each when it scrolls
// into view (its real bounds then replace these); edges to a node off screen end at the estimate.
import { Position, type NodeHandle } from '@xyflow/react';

/** Roughly ModuleNode's box (styles.css, .bps-node): a head, one row per port, the shape line. */
export const ESTIMATED_WIDTH = 150;
const HEAD = 44, ROW = 22, FOOT = 24, HANDLE = 8;

export function estimatedHandles(inputs: readonly string[], outputs: readonly string[]): { handles: NodeHandle[]; initialWidth: number; initialHeight: number } {
  const rowY = (i: number): number => HEAD + i * ROW + (ROW - HANDLE) / 2;
  const handles: NodeHandle[] = [
    ...inputs.map((id, i): NodeHandle => ({ id, type: 'target', position: Position.Left, x: -HANDLE / 2, y: rowY(i), width: HANDLE, height: HANDLE })),
    ...outputs.map((id, i): NodeHandle => ({ id, type: 'source', position: Position.Right, x: ESTIMATED_WIDTH - HANDLE / 2, y: rowY(i), width: HANDLE, height: HANDLE })),
  ];
  return { handles, initialWidth: ESTIMATED_WIDTH, initialHeight: HEAD + Math.max(inputs.length, outputs.length, 1) * ROW + FOOT };
}
