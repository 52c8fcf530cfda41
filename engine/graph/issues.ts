import { formatShape, type Shape } from '../tensor.ts';
import { printable, quote } from '../text/quote.ts';

export type GraphIssueCode =
  | 'duplicate-id'
  | 'unknown-kind'
  | 'bad-config'
  | 'missing-node'
  | 'missing-port'
  | 'port-occupied'
  | 'unconnected-port'
  | 'loss-output-wired'
  | 'cycle'
  | 'shape-mismatch'
  | 'batch-mismatch'
  | 'param-shape'
  | 'unknown-param'
  | 'value-shape'
  | 'non-finite'
  | 'unknown-module'
  | 'module-cycle'
  | 'bad-id';

/** The codes a module's shape rule reports (its `inferShape`): batch sizes that differ, or any other misfit. */
export type ShapeIssueCode = Extract<GraphIssueCode, 'shape-mismatch' | 'batch-mismatch'>;

/** One thing wrong with a graph, naming the node, port, edge and shapes involved. */
export interface GraphIssue {
  readonly code: GraphIssueCode;
  readonly message: string;
  readonly nodeId?: string;
  readonly port?: string;
  readonly edgeId?: string;
  /** For cycles: every node of the loop, in order. */
  readonly nodes?: readonly string[];
  readonly shapes?: readonly Shape[];
}

export class GraphValidationError extends Error {
  readonly issues: readonly GraphIssue[];
  constructor(issues: readonly GraphIssue[]) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${issues[0]!.message}${more}`);
    this.name = 'GraphValidationError';
    this.issues = issues;
  }
}

/** Thrown by run-time operations (jacobian, hessian …) asked about something the graph lacks. */
export class GraphQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphQueryError';
  }
}

/** `node "id" (kind), port "p"`: ids, kinds and ports come from the file, so they are shown through quote(). */
export function where(nodeId: string, kind?: string, port?: string): string {
  return `node ${quote(nodeId)}${kind ? ` (${printable(kind)})` : ''}${port ? `, port ${quote(port)}` : ''}`;
}

export const shapeText = formatShape;
