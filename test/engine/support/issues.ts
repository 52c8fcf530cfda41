// Compiles a graph that must be invalid and returns its issues.
import { expect } from 'vitest';
import { compileGraph, GraphValidationError, type Graph, type GraphIssue } from '../../../engine/index.ts';

export function issuesOf(g: Graph): readonly GraphIssue[] {
  try {
    compileGraph(g);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphValidationError);
    return (e as GraphValidationError).issues;
  }
  return expect.fail('the graph compiled, but it should have been rejected');
}

/** The one issue of the given code (fails if there is none or several). */
export function onlyIssue(g: Graph, code: GraphIssue['code']): GraphIssue {
  const all = issuesOf(g);
  const matching = all.filter((i) => i.code === code);
  expect(matching, JSON.stringify(all)).toHaveLength(1);
  return matching[0]!;
}
