import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { isPile } from '../../../renderer/layout/usePileLayout.ts';

const graph = (positions: ({ x: number; y: number } | undefined)[]): Graph =>
  ({ nodes: positions.map((position, i) => ({ id: `n${i}`, kind: 'sigmoid', config: {}, position })), edges: [] }) as unknown as Graph;

describe('isPile', () => {
  it('is a pile when two or more nodes share one position, missing positions counting as the origin', () => {
    expect(isPile(graph([{ x: 5, y: 5 }, { x: 5, y: 5 }, { x: 5, y: 5 }]))).toBe(true);
    expect(isPile(graph([undefined, { x: 0, y: 0 }]))).toBe(true);
  });
  it('is not a pile with one node, or with any node elsewhere', () => {
    expect(isPile(graph([{ x: 0, y: 0 }]))).toBe(false);
    expect(isPile(graph([{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 200, y: 0 }]))).toBe(false);
  });
});
