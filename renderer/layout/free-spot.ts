// Where a new node goes when it is dropped (or added) on top of others: the nearest spot to the
// pointer where it overlaps nothing, so a second drop never hides the first (issue 10.4).

export interface Box { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

/** What a node not yet measured is taken to cover (flow px): about a Linear node with room for its label. */
export const NEW_NODE_SIZE = { width: 150, height: 80 } as const;
/** Room kept between nodes. */
export const NODE_GAP = 16;
/** Search step and reach (flow px). */
const STEP = 20;
const REACH = 1200;

const overlaps = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * The top-left corner closest to `want` at which a box of `size` overlaps none of `others` (with
 * `gap` between). `want` itself when it is free; candidates on a STEP grid in order of distance.
 */
export function freeSpot(want: Point, size: { width: number; height: number }, others: readonly Box[], gap = NODE_GAP): Point {
  const near = others.filter((o) => Math.abs(o.x - want.x) < REACH + size.width + o.width && Math.abs(o.y - want.y) < REACH + size.height + o.height);
  const free = (p: Point): boolean => !near.some((o) => overlaps({ ...p, ...size }, o, gap));
  if (free(want)) return want;
  for (let ring = 1; ring * STEP <= REACH; ring++) {
    // The candidates on this ring (a square of side 2·ring steps), closest first.
    const ringPoints: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      ringPoints.push({ x: want.x + i * STEP, y: want.y - ring * STEP }, { x: want.x + i * STEP, y: want.y + ring * STEP });
      if (i !== -ring && i !== ring) ringPoints.push({ x: want.x - ring * STEP, y: want.y + i * STEP }, { x: want.x + ring * STEP, y: want.y + i * STEP });
    }
    ringPoints.sort((a, b) => Math.hypot(a.x - want.x, a.y - want.y) - Math.hypot(b.x - want.x, b.y - want.y));
    const hit = ringPoints.find(free);
    if (hit) return hit;
  }
  return want;
}

/** The boxes the graph's nodes cover now: measured sizes where React Flow has them. */
export function nodeBoxes(nodes: readonly { id: string; position?: Point }[], measured: ReadonlyMap<string, { width: number; height: number }>): Box[] {
  return nodes.map((n) => ({ ...(n.position ?? { x: 0, y: 0 }), ...(measured.get(n.id) ?? NEW_NODE_SIZE) }));
}
