// Node shapes follow what ran only when it is the same network; bound data nodes name their source.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine/index.ts';
import { boundDataText, displayedShape } from '../../../interop/notation/node-display.ts';

describe('displayedShape', () => {
  it('takes the batch of the run when the features agree', () => {
    expect(displayedShape('[1, 32]', '[4, 32]')).toBe('[4, 32]');
    expect(displayedShape('[1]', '[1]')).toBe('[1]');
  });
  it('keeps the analysis when the run is of another shape or missing', () => {
    expect(displayedShape('[1, 16]', '[4, 32]')).toBe('[1, 16]');
    expect(displayedShape('[1, 2]', undefined)).toBe('[1, 2]');
    expect(displayedShape(undefined, '[4, 2]')).toBeUndefined();
  });
});

describe('boundDataText', () => {
  const graph = (binding: unknown): Graph => ({
    name: 't', seed: 0, edges: [],
    nodes: [{ id: 'x', kind: 'input', config: { size: 2 }, binding } as Graph['nodes'][number]],
    datasets: { data: { source: 'generated', generator: 'moons', seed: 1, size: 10 } },
  } as Graph);
  it('names the generator and the field', () => {
    const g = graph({ dataset: 'data', field: 'features' });
    expect(boundDataText(g, g.nodes[0]!)).toBe('moons · features');
  });
  it('says nothing for an unbound node or a malformed binding', () => {
    const g = graph(undefined);
    expect(boundDataText(g, { ...g.nodes[0]!, binding: undefined })).toBeNull();
    const bad = graph({ dataset: '', field: 'weights' });
    expect(boundDataText(bad, bad.nodes[0]!)).toBeNull();
  });
});
