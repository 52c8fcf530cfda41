// The graph index reuses the previous version's issues and shapes only when an edit changed finite
// numbers and nothing else; whatever it reuses must equal a full analysis of the new graph.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, parseGraphFile, type Graph } from '../../../engine/index.ts';
import { changesAnalysis, diffGraphs } from '../../../renderer/model/graph-change.ts';
import { indexGraph } from '../../../renderer/model/graph-index.ts';
import { moveNodes, setConfig, setTensorEntry, withMissingParams } from '../../../renderer/model/graph-ops.ts';

/** The index reuses the previous analysis exactly when the change cannot alter it. */
const onlyNumbersChanged = (a: Graph, b: Graph): boolean => !changesAnalysis(diffGraphs(a, b));

const lecture = (): Graph => withMissingParams(parseGraphFile(readFileSync(new URL('../../../examples/lecture-two-layer.bpgraph', import.meta.url), 'utf8')));

function issuesOf(g: Graph): string[] {
  return [...indexGraph(g).issuesByNode.values()].flat().map((i) => i.message).sort();
}
function fullIssues(g: Graph): string[] {
  return analyzeGraph(g).issues.filter((i) => i.nodeId || i.nodes).map((i) => i.message).sort();
}

describe('onlyNumbersChanged', () => {
  const g = lecture();
  const linear = g.nodes.find((n) => n.params)!;
  const param = Object.keys(linear.params!)[0]!;
  it('is true for a finite parameter edit and for a move', () => {
    expect(onlyNumbersChanged(g, setTensorEntry(g, linear.id, { param }, 0, 0.25))).toBe(true);
    expect(onlyNumbersChanged(g, moveNodes(g, new Map([[linear.id, { x: 5, y: 6 }]])))).toBe(true);
  });
  it('is false for a non-finite entry, a config change or a new edge list', () => {
    expect(onlyNumbersChanged(g, setTensorEntry(g, linear.id, { param }, 0, Number.NaN))).toBe(false);
    expect(onlyNumbersChanged(g, setConfig(g, linear.id, { out: 3 }))).toBe(false);
    expect(onlyNumbersChanged(g, { ...g, edges: g.edges.slice(1) })).toBe(false);
  });
});

describe('indexGraph', () => {
  it('after a number edit reports what a full analysis reports, and analyses lazily on demand', () => {
    const g = lecture();
    indexGraph(g);
    const linear = g.nodes.find((n) => n.params)!;
    const edited = setTensorEntry(g, linear.id, { param: Object.keys(linear.params!)[0]! }, 0, -3.5);
    const index = indexGraph(edited, diffGraphs(g, edited));
    expect(issuesOf(edited)).toEqual(fullIssues(edited));
    expect([...index.shapeText]).toEqual([...indexGraph(g).shapeText]);
    expect(index.nodeById.get(linear.id)).toBe(edited.nodes.find((n) => n.id === linear.id));
    expect(index.analysis.issues).toEqual(analyzeGraph(edited).issues);
  });
  it('re-analyses when an entry becomes non-finite, so the issue appears at once', () => {
    const g = lecture();
    indexGraph(g);
    const linear = g.nodes.find((n) => n.params)!;
    const broken = setTensorEntry(g, linear.id, { param: Object.keys(linear.params!)[0]! }, 0, Number.POSITIVE_INFINITY);
    expect(indexGraph(broken, diffGraphs(g, broken)).issuesByNode.get(linear.id)?.some((i) => i.code === 'non-finite')).toBe(true);
    expect(issuesOf(broken)).toEqual(fullIssues(broken));
  });
});
