import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { startAutosaver } from '../../../renderer/persistence/autosaver.ts';
import { exampleGraph } from './fixtures.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('autosaver', () => {
  it('saves every interval while dirty, only when the graph changed, and stops when told', async () => {
    const saved: Graph[] = [];
    let graph = exampleGraph();
    let dirty = false;
    const stop = startAutosaver({ autosave: async (g) => { saved.push(g); } }, { getGraph: () => graph, isDirty: () => dirty, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(saved).toHaveLength(0); // clean
    dirty = true;
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([graph]); // unchanged graph is not written twice
    graph = { ...graph, name: 'changed' };
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(2);
    stop();
    graph = { ...graph, name: 'after stop' };
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toHaveLength(2);
  });

  it('reports a failing autosave and tries again next time', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const autosave = vi.fn(async () => { if (fail) throw new Error('quota exceeded'); });
    const stop = startAutosaver({ autosave }, { getGraph: () => exampleGraph(), isDirty: () => true, intervalMs: 1000, onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(1000);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(autosave).toHaveBeenCalledTimes(2);
    stop();
  });
});
