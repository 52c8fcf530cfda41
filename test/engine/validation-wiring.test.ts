// Validation of kinds, configs, ids and wiring: every message names the node, port and edge involved.
import { describe, expect, it } from 'vitest';
import { compileGraph, GraphValidationError } from '../../engine/index.ts';
import { edge, opNode } from './support/graphs.ts';
import { issuesOf, onlyIssue } from './support/issues.ts';
import { chainGraph } from './support/sample-graphs.ts';

describe('graph validation: kinds, ids and wiring', () => {
  it('unknown kind', () => {
    const g = chainGraph();
    g.nodes.push(opNode('mystery', 'convolution'));
    const i = onlyIssue(g, 'unknown-kind');
    expect(i).toMatchObject({ nodeId: 'mystery', message: 'node "mystery": unknown kind "convolution"' });
  });

  it('bad config names the field', () => {
    const g = chainGraph();
    g.nodes.find((n) => n.id === 'l1')!.config = { in: 3, out: -4, bias: true };
    const i = onlyIssue(g, 'bad-config');
    expect(i.nodeId).toBe('l1');
    expect(i.message).toMatch(/^node "l1" \(linear\): config\.out: /);
    const g2 = chainGraph();
    g2.nodes.find((n) => n.id === 'loss')!.config = { reduction: 'median' };
    expect(onlyIssue(g2, 'bad-config').message).toMatch(/^node "loss" \(mse\): config\.reduction: /);
  });

  it('unconnected required port', () => {
    const g = chainGraph();
    g.edges = g.edges.filter((e) => e.id !== 'y->loss.target');
    expect(onlyIssue(g, 'unconnected-port')).toMatchObject({ nodeId: 'loss', port: 'target', message: 'node "loss" (mse), port "target": input is not connected' });
  });

  it('two edges into one port', () => {
    const g = chainGraph();
    g.edges.push(edge('x', 'l1', 'in', 'second'));
    const i = onlyIssue(g, 'port-occupied');
    expect(i).toMatchObject({ nodeId: 'l1', port: 'in', edgeId: 'second' });
    expect(i.message).toBe('node "l1" (linear), port "in": already fed by edge "x->l1.in" from "x"; edge "second" from "x" is a second one');
  });

  it('edge to or from a missing node', () => {
    const g = chainGraph();
    g.edges.push(edge('t1', 'ghost', 'in', 'e-ghost'), edge('phantom', 'l2', 'in', 'e-phantom'));
    const missing = issuesOf(g).filter((i) => i.code === 'missing-node');
    expect(missing).toEqual([
      expect.objectContaining({ edgeId: 'e-ghost', nodeId: 'ghost', message: 'edge "e-ghost": its target node "ghost" does not exist' }),
      expect.objectContaining({ edgeId: 'e-phantom', nodeId: 'phantom', message: 'edge "e-phantom": its source node "phantom" does not exist' }),
    ]);
  });

  it('edge to a missing port lists the real ports; a source port other than "out" is refused', () => {
    const g = chainGraph();
    g.edges = g.edges.map((e) => (e.id === 'l2->loss.pred' ? { ...e, targetPort: 'prediction' } : e));
    const i = onlyIssue(g, 'missing-port');
    expect(i).toMatchObject({ nodeId: 'loss', port: 'prediction', edgeId: 'l2->loss.pred' });
    expect(i.message).toBe('edge "l2->loss.pred": node "loss" (mse) has no input port "prediction" (its inputs: "pred", "target")');
    const g2 = chainGraph();
    g2.edges = g2.edges.map((e) => (e.id === 'x->l1.in' ? { ...e, sourcePort: 'value' } : e));
    expect(onlyIssue(g2, 'missing-port').message).toBe('edge "x->l1.in": node "x" (input) has no output port "value" (only "out")');
  });

  it('duplicate node id and duplicate edge id', () => {
    const g = chainGraph();
    g.nodes.push(opNode('t1', 'sigmoid'));
    expect(onlyIssue(g, 'duplicate-id')).toMatchObject({ nodeId: 't1', message: 'two nodes have the id "t1"' });
    const g2 = chainGraph();
    g2.edges.push({ ...g2.edges[0]!, target: 'loss', targetPort: 'pred', source: 'y', id: 't1->l2.in' });
    // the duplicate edge is also a second edge into loss.pred; the id clash must be reported either way
    expect(issuesOf(g2).filter((i) => i.code === 'duplicate-id')).toEqual([expect.objectContaining({ edgeId: 't1->l2.in', message: 'two edges have the id "t1->l2.in"' })]);
  });

  // The duplicate id reaches the topological sort twice, so one copy is never emitted and an acyclic
  // graph is reported as a cycle of "undefined".
  it('a duplicate node id alone is not reported as a cycle', () => {
    const g = chainGraph();
    g.nodes.push(opNode('t1', 'sigmoid'));
    expect(issuesOf(g).map((i) => i.code)).toEqual(['duplicate-id']);
  });

  it('a cycle names every node of the loop, starting from the earliest in the document', () => {
    const g = chainGraph();
    g.nodes.push(opNode('back', 'add'));
    // close the loop l1 → t1 → back → l1 by rewiring l1's input
    g.edges = g.edges.filter((e) => e.id !== 'x->l1.in');
    g.edges.push(edge('t1', 'back', 'a'), edge('x', 'back', 'b'), edge('back', 'l1', 'in'));
    const i = onlyIssue(g, 'cycle');
    expect(i.nodes).toEqual(['l1', 't1', 'back']);
    expect(i.nodeId).toBe('l1');
    expect(i.message).toBe('cycle: "l1" → "t1" → "back" → "l1"');
  });

  it('a self-loop is a cycle of one node', () => {
    const g = chainGraph();
    g.nodes.push(opNode('self', 'add'));
    g.edges.push(edge('self', 'self', 'a'), edge('t1', 'self', 'b'));
    expect(onlyIssue(g, 'cycle').message).toBe('cycle: "self" → "self"');
  });

  it('a loss output wired into another node', () => {
    const g = chainGraph();
    g.nodes.push(opNode('after', 'sigmoid'));
    g.edges.push(edge('loss', 'after', 'in', 'e-after'));
    const i = onlyIssue(g, 'loss-output-wired');
    expect(i).toMatchObject({ nodeId: 'loss', edgeId: 'e-after' });
    expect(i.message).toMatch(/^edge "e-after": node "loss" \(mse\) is a loss; its output is final .* cannot feed "after"$/);
  });

  it('collects every issue at once and summarises them in the error message', () => {
    const g = chainGraph();
    g.nodes.push(opNode('mystery', 'convolution'), opNode('t1', 'relu'));
    try {
      compileGraph(g);
      expect.fail('should not compile');
    } catch (e) {
      const err = e as GraphValidationError;
      expect(err.issues.map((i) => i.code).slice(0, 2)).toEqual(['unknown-kind', 'duplicate-id']);
      expect(err.message).toMatch(/^node "mystery": unknown kind "convolution" \(and \d+ more\)$/);
    }
  });
});
