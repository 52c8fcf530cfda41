// Pasting duplicates the selection with fresh ids and keeps only the edges among the copied nodes.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { analyzeGraph, parseGraphFile } from '../../../engine/index.ts';
import { copySelection, pasteClip } from '../../../renderer/model/clipboard.ts';

const lecture = () => parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8'));

it('copies nodes with the edges among them and pastes them under fresh ids, offset', () => {
  const g = lecture();
  const clip = copySelection(g, ['w1', 'h1', 'loss'])!;
  expect(clip.edges.map((e) => e.id)).toEqual(['e-w1-h1']);
  const { graph, nodeIds } = pasteClip(g, clip, { x: 40, y: 40 });
  expect(nodeIds).toEqual(['w3', 'h3', 'loss1']);
  const pasted = graph.edges.filter((e) => nodeIds.includes(e.source));
  expect(pasted).toHaveLength(1);
  expect(pasted[0]).toMatchObject({ source: 'w3', target: 'h3' });
  const original = g.nodes.find((n) => n.id === 'w1')!.position!;
  expect(graph.nodes.find((n) => n.id === 'w3')!.position).toEqual({ x: original.x + 40, y: original.y + 40 });
  // Ids stay unique: the engine finds no duplicate.
  expect(analyzeGraph(graph).issues.filter((i) => i.code === 'duplicate-id')).toEqual([]);
});

it('copying nothing gives nothing to paste', () => {
  expect(copySelection(lecture(), [])).toBeNull();
});
