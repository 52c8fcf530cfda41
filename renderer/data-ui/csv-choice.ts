// The first guesses of the CSV dialog (which columns, which task) and the wording of an import error.
import { splitCsv, type CsvIssue } from '../../engine/index.ts';

export interface CsvChoice {
  readonly columns: readonly string[];
  readonly features: readonly string[];
  readonly target: string;
  readonly task: 'classification' | 'regression';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** More distinct numeric values than this in the target column reads as regression. */
const MAX_NUMERIC_CLASSES = 10;

/** Last column is the target, the others the features; the task follows the target's values. */
export function guessChoice(text: string): CsvChoice | CsvIssue {
  const table = splitCsv(text);
  if ('message' in table) return table;
  const [header, ...rows] = table.rows;
  if (!header || header.length === 0) return { line: 1, message: 'the file is empty' };
  if (header.length < 2) return { line: 1, message: 'the file needs at least two columns: features and a target' };
  const target = header[header.length - 1]!;
  return { columns: header, features: header.slice(0, -1), target, task: guessTask(rows, header.length - 1) };
}

export function guessTask(rows: readonly (readonly string[])[], column: number): 'classification' | 'regression' {
  const values = new Set<string>();
  for (const row of rows) {
    const v = row[column] ?? '';
    if (!NUMBER.test(v)) return 'classification';
    values.add(String(Number(v)));
  }
  return values.size > MAX_NUMERIC_CLASSES ? 'regression' : 'classification';
}

export function issueText(issue: CsvIssue): string {
  return `Line ${issue.line}${issue.column !== undefined ? `, column "${issue.column}"` : ''}: ${issue.message}. Nothing was imported.`;
}
