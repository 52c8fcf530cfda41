// The one run path: a document in, its results (or its issues) out. The engine worker answers every
// request with it (through a DocumentRunner, which keeps the compiled program between edits); tests
// call it in-process. Everything the canvas shows of a run comes from here.
import { analyzeGraph, compileGraph, GraphValidationError, runnablePart, type Graph, type GraphIssue, type GraphNode, type Program, type RunResults } from '../../engine/index.ts';
import { withNodes, writeNumbers } from './numbers-patch.ts';
import { runnableGraph } from './runnable-graph.ts';

type Outcome<R> =
  | { readonly type: 'results'; readonly ms: number } & R
  | { readonly type: 'invalid'; readonly issues: GraphIssue[]; readonly ms: number }
  | { readonly type: 'failed'; readonly message: string };
export type RunOutcome = Outcome<{ readonly results: RunResults }>;
/** A run left in its program's buffers: the caller takes the snapshot it needs (the worker packs it). */
export type ProgramOutcome = Outcome<{ readonly program: Program }>;

/** The program to run, or the document's issues (which name nodes and ports). */
function compileDocument(graph: Graph): Program | GraphValidationError {
  const runnable = runnableGraph(graph);
  if (runnable === graph) {
    // No dataset preview: compiling validates, so the graph is analysed once.
    try {
      return compileGraph(graph);
    } catch (e) {
      if (e instanceof GraphValidationError) return e;
      throw e;
    }
  }
  // The preview needs a sound graph, so the document's own structure is checked first.
  const issues = analyzeGraph(graph).issues;
  return issues.length > 0 ? new GraphValidationError(issues) : compileGraph(runnable);
}

/**
 * Runs documents one after another, keeping the last compiled program: a request that changes only
 * numbers (`runNumbers`) writes them into its buffers and runs forward from the first changed node,
 * with results bit-identical to compiling the document afresh (tested).
 */
export class DocumentRunner {
  private graph: Graph | null = null;
  private compiled: { readonly program: Program; readonly positions: ReadonlyMap<string, number> } | null = null;
  /** Counts the programs compiled: results of one program share one layout. */
  generation = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Validates, runs forward and backward, and returns a snapshot of every value and gradient. Nodes
   * that are not wired yet (an input unconnected, or fed by such a node) are left out of the run, so
   * the rest of the graph keeps its numbers (`wiredPart`); any other problem makes the run invalid.
   */
  run(graph: Graph): ProgramOutcome {
    const t0 = this.now();
    this.graph = graph;
    this.compiled = null;
    try {
      const runnable = runnablePart(graph);
      if (!runnable.ok) return { type: 'invalid', issues: [...runnable.issues], ms: this.now() - t0 };
      const program = compileDocument(runnable.part.graph);
      if (program instanceof GraphValidationError) return { type: 'invalid', issues: [...program.issues], ms: this.now() - t0 };
      this.compiled = { program, positions: new Map(program.nodes.map((n, i) => [n.id, i])) };
      this.generation++;
      program.run();
      return { type: 'results', program, ms: this.now() - t0 };
    } catch (e) {
      this.compiled = null;
      return { type: 'failed', message: (e as Error).message };
    }
  }

  /** The last document with `nodes` in place of its own, whose only changes are numbers. */
  runNumbers(nodes: readonly GraphNode[]): ProgramOutcome {
    if (!this.graph) return { type: 'failed', message: 'the engine worker has no document to change numbers in' };
    const t0 = this.now();
    const graph = withNodes(this.graph, nodes);
    const compiled = this.compiled;
    const from = compiled ? writeNumbers(compiled.program, compiled.positions, nodes) : null;
    if (!compiled || from === null) return this.run(graph);
    this.graph = graph;
    try {
      compiled.program.forwardFrom(from);
      compiled.program.backward();
      return { type: 'results', program: compiled.program, ms: this.now() - t0 };
    } catch (e) {
      this.compiled = null;
      return { type: 'failed', message: (e as Error).message };
    }
  }
}

/** One document run from scratch. */
export function runDocument(graph: Graph, now: () => number = () => performance.now()): RunOutcome {
  const outcome = new DocumentRunner(now).run(graph);
  return outcome.type === 'results' ? { type: 'results', results: outcome.program.results(), ms: outcome.ms } : outcome;
}
