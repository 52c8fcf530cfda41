// The first guesses of the CSV dialog (which columns, which task) and the wording of an import error.
import { analyzeGraph, splitCsv, type CsvIssue, type Graph } from '../../engine/index.ts';

export interface CsvChoice {
  readonly columns: readonly string[];
  readonly features: readonly string[];
  readonly target: string;
  /** 'binary': two classes as one 0/1 column (for a model with one output); 'classification': one-hot. */
  readonly task: 'classification' | 'binary' | 'regression';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** More distinct numeric values than this in the target column reads as regression. */
const MAX_NUMERIC_CLASSES = 10;

/**
 * Last column is the target, the others the features; the task follows the target's values and the
 * graph: two classes for a model with one output (`predictionWidth` 1) are one 0/1 column.
 */
export function guessChoice(text: string, predictionWidth?: number): CsvChoice | CsvIssue {
  const table = splitCsv(text);
  if ('message' in table) return table;
  const [header, ...rows] = table.rows;
  if (!header || header.length === 0) return { line: 1, message: 'the file is empty' };
  if (header.length < 2) return { line: 1, message: 'the file needs at least two columns: features and a target' };
  const target = header[header.length - 1]!;
  return { columns: header, features: header.slice(0, -1), target, task: guessTask(rows, header.length - 1, predictionWidth) };
}

export function guessTask(rows: readonly (readonly string[])[], column: number, predictionWidth?: number): CsvChoice['task'] {
  const values = new Set<string>();
  let numeric = true;
  for (const row of rows) {
    const v = row[column] ?? '';
    if (!NUMBER.test(v)) numeric = false;
    values.add(numeric ? String(Number(v)) : v);
  }
  if (numeric && values.size > MAX_NUMERIC_CLASSES) return 'regression';
  return values.size === 2 && predictionWidth === 1 ? 'binary' : 'classification';
}

/** The import options a choice stands for. */
export function importOptions(choice: CsvChoice): { features: readonly string[]; targets: string[]; task: 'classification' | 'regression'; encoding?: 'binary' } {
  const base = { features: choice.features, targets: [choice.target] };
  return choice.task === 'binary' ? { ...base, task: 'classification', encoding: 'binary' } : { ...base, task: choice.task };
}

export function issueText(issue: CsvIssue): string {
  return `Line ${issue.line}${issue.column !== undefined ? `, column "${issue.column}"` : ''}: ${issue.message}. Nothing was imported.`;
}

/** The width of the model's prediction: what feeds the first loss's first input (undefined when unknown). */
export function predictionWidth(graph: Graph): number | undefined {
  const a = analyzeGraph(graph);
  for (const n of a.nodes.values()) {
    if (!n.def.isLoss) continue;
    const e = n.inputEdges[0];
    const shape = e ? a.nodes.get(e.source)?.shape : undefined;
    if (shape) return shape[1];
  }
  return undefined;
}
