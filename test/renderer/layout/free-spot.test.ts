import { describe, expect, it } from 'vitest';
import { freeSpot, NEW_NODE_SIZE, NODE_GAP, nodeBoxes, type Box } from '../../../renderer/layout/free-spot.ts';

const size = NEW_NODE_SIZE;
const overlapping = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot({ x: 0, y: 0 }, size, [{ x: 500, y: 500, width: 100, height: 60 }])).toEqual({ x: 0, y: 0 });
    expect(freeSpot({ x: 10, y: 10 }, size, [])).toEqual({ x: 10, y: 10 });
  });

  it('moves a drop on top of a node to the nearest spot that overlaps nothing', () => {
    const first: Box = { x: 100, y: 100, ...size };
    const p = freeSpot({ x: 110, y: 105 }, size, [first]);
    expect(overlapping({ ...p, ...size }, first)).toBe(false);
    // The nearest such spot: one node height (plus the gap) away at most, along the shorter axis.
    expect(Math.hypot(p.x - 110, p.y - 105)).toBeLessThanOrEqual(size.height + NODE_GAP + 20);
  });

  it('finds room among many nodes, and every drop in the same place lands somewhere new', () => {
    const boxes: Box[] = [];
    for (let i = 0; i < 12; i++) {
      const p = freeSpot({ x: 0, y: 0 }, size, boxes);
      for (const b of boxes) expect(overlapping({ ...p, ...size }, b)).toBe(false);
      boxes.push({ ...p, ...size });
    }
  });

  it('uses measured sizes where known', () => {
    const boxes = nodeBoxes([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 300, y: 0 } }], new Map([['a', { width: 40, height: 30 }]]));
    expect(boxes).toEqual([{ x: 0, y: 0, width: 40, height: 30 }, { x: 300, y: 0, ...size }]);
  });
});
