import { formatShape, type Shape } from '../tensor.ts';

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
  | 'non-finite';

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

export function where(nodeId: string, kind?: string, port?: string): string {
  return `node "${nodeId}"${kind ? ` (${kind})` : ''}${port ? `, port "${port}"` : ''}`;
}

export const shapeText = formatShape;
