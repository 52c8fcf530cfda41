// Undo history: only named actions, bounded, duplicates dropped, selection never recorded.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import { useDocument } from '../../../renderer/store/document-store.ts';
import { diffGraphs, isUnchanged } from '../../../renderer/model/graph-change.ts';
import { HISTORY_LIMIT, useHistory } from '../../../renderer/store/history-store.ts';

/** The history drops a version whose change from the last one is nothing. */
const sameGraph = (a: Graph, b: Graph): boolean => isUnchanged(diffGraphs(a, b));

const lecture = () => parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));

beforeEach(() => useDocument.getState().load(lecture()));

it('undoes and redoes an added node and a connection, one action at a time', () => {
  const doc = useDocument.getState;
  doc().addNode('sigmoid', { x: 0, y: 0 });
  doc().connect({ source: 'h2', target: 'sigmoid1', targetPort: 'in' });
  expect(doc().graph.edges).toHaveLength(7);
  doc().undo();
  expect(doc().graph.edges).toHaveLength(6);
  expect(doc().graph.nodes).toHaveLength(8);
  doc().undo();
  expect(doc().graph.nodes).toHaveLength(7);
  doc().redo();
  doc().redo();
  expect(doc().graph.edges).toHaveLength(7);
});

it('selection changes and refused connections leave no history', () => {
  useDocument.getState().select(['x'], []);
  useDocument.getState().connect({ source: 'x', target: 'h1', targetPort: 'in' });
  expect(useDocument.getState().refusal?.message).toContain('already fed');
  expect(useHistory.getState().past).toHaveLength(0);
});

it('a drag is one history entry, taken when it stops', () => {
  const doc = useDocument.getState;
  for (let i = 1; i <= 5; i++) doc().dragPositions(new Map([['x', { x: i, y: 0 }]]));
  expect(useHistory.getState().past).toHaveLength(0);
  doc().dragStop();
  expect(useHistory.getState().past).toHaveLength(1);
  doc().undo();
  expect(doc().graph.nodes[0]!.position).toEqual({ x: 0, y: 80 });
});

it('drops consecutive duplicates and keeps at most the limit', () => {
  const h = useHistory.getState();
  const g = lecture();
  h.record(g, 'edit config');
  h.record(structuredClone(g), 'edit config');
  expect(useHistory.getState().past).toHaveLength(1);
  for (let i = 0; i < HISTORY_LIMIT + 20; i++) useHistory.getState().record({ ...g, seed: i }, 'edit config');
  expect(useHistory.getState().past).toHaveLength(HISTORY_LIMIT);
});

describe('sameGraph', () => {
  const base: Graph = { name: 'g', nodes: [{ id: 'a', kind: 'input' }, { id: 'b', kind: 'tanh' }], edges: [] };
  it('is true for equal content under different references, false when one node differs', () => {
    expect(sameGraph(base, structuredClone(base))).toBe(true);
    expect(sameGraph(base, { ...base, nodes: [base.nodes[0]!, { id: 'b', kind: 'relu' }] })).toBe(false);
    expect(sameGraph(base, { ...base, name: 'h' })).toBe(false);
    expect(sameGraph(base, { ...base, nodes: base.nodes.slice(1) })).toBe(false);
  });
});
