// CSV → embedded dataset, as a pure function over the text. All or nothing: the first bad row is
// reported with its line number and no partial dataset is returned.
import { MAX_DATASET_ROWS, MAX_EMBEDDED_VALUES, type EmbeddedDatasetSpec } from '../format/schema.ts';

export interface CsvIssue {
  /** 1-based line of the file where the offending row starts. */
  readonly line: number;
  readonly column?: string;
  readonly message: string;
}

export interface CsvImportOptions {
  /** Columns that become the features, in this order. */
  readonly features: readonly string[];
  /** Classification: exactly one column of class labels (one-hot encoded). Regression: numeric columns. */
  readonly targets: readonly string[];
  readonly task: 'classification' | 'regression';
  /**
   * Classification with exactly two classes: 'one-hot' (default) gives two columns; 'binary' gives
   * one 0/1 column, 1 for the second class in sorted order, as the generators' "binary" labels do.
   */
  readonly encoding?: 'one-hot' | 'binary';
  readonly testFraction?: number;
  /** Seeds the train/test split. */
  readonly seed?: number;
  readonly delimiter?: string;
}

export type CsvImportResult =
  | { readonly ok: true; readonly dataset: EmbeddedDatasetSpec; readonly rows: number; readonly classes: readonly string[] }
  | { readonly ok: false; readonly issue: CsvIssue };

/** Rows of fields with the line each row starts on. Quotes follow RFC 4180 ("" inside quotes is one "). */
export function splitCsv(text: string, delimiter = ','): { rows: string[][]; lines: number[] } | CsvIssue {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [], lines: number[] = [];
  let row: string[] = [], field = '', quoted = false, inQuotes = false, line = 1, rowLine = 1;
  const endField = (): void => { row.push(quoted ? field : field.trim()); field = ''; quoted = false; };
  const endRow = (): void => {
    endField();
    if (!(row.length === 1 && row[0] === '')) { rows.push(row); lines.push(rowLine); }
    row = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') inQuotes = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"') {
      if (field.trim() !== '') return { line, message: 'a quote in the middle of an unquoted field' };
      field = ''; inQuotes = true; quoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (quoted) {
      if (ch.trim() !== '') return { line, message: 'text after the closing quote of a field' };
    } else field += ch;
  }
  if (inQuotes) return { line: rowLine, message: 'a quoted field is never closed' };
  endRow();
  return { rows, lines };
}

/** The header row, for a dialog that lets the user pick columns. */
export function csvHeader(text: string, delimiter = ','): string[] | CsvIssue {
  const table = splitCsv(text, delimiter);
  if ('message' in table) return table;
  return table.rows[0] ?? { line: 1, message: 'the file is empty' };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function importCsv(text: string, options: CsvImportOptions): CsvImportResult {
  const fail = (issue: CsvIssue): CsvImportResult => ({ ok: false, issue });
  const table = splitCsv(text, options.delimiter ?? ',');
  if ('message' in table) return fail(table);
  const [header, ...rows] = table.rows;
  if (!header) return fail({ line: 1, message: 'the file is empty' });
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') return fail({ line: 1, message: 'the header has an empty column name' });
    if (seen.has(name)) return fail({ line: 1, column: name, message: `the header names column "${name}" twice` });
    seen.add(name);
  }
  const columnIndex = (name: string): number | CsvIssue => {
    const i = header.indexOf(name);
    return i >= 0 ? i : { line: 1, column: name, message: `no column "${name}" (columns: ${header.map((h) => `"${h}"`).join(', ')})` };
  };
  if (options.features.length === 0) return fail({ line: 1, message: 'choose at least one feature column' });
  if (options.targets.length === 0) return fail({ line: 1, message: 'choose a target column' });
  if (options.task === 'classification' && options.targets.length !== 1) return fail({ line: 1, message: `a classifier takes one column of class labels, not ${options.targets.length}` });
  const both = options.features.find((f) => options.targets.includes(f));
  if (both) return fail({ line: 1, column: both, message: `column "${both}" cannot be both a feature and a target` });
  const featureCols: number[] = [], targetCols: number[] = [];
  for (const [names, into] of [[options.features, featureCols], [options.targets, targetCols]] as const) {
    for (const name of names) {
      const i = columnIndex(name);
      if (typeof i !== 'number') return fail(i);
      into.push(i);
    }
  }
  if (rows.length === 0) return fail({ line: 2, message: 'the file has a header but no data rows' });
  if (rows.length > MAX_DATASET_ROWS) return fail({ line: table.lines[MAX_DATASET_ROWS + 1]!, message: `more than ${MAX_DATASET_ROWS} data rows; import a smaller file` });

  const F = featureCols.length;
  const features = new Array<number>(rows.length * F);
  const rawLabels: string[] = [];
  const targetValues: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const fields = rows[r]!, line = table.lines[r + 1]!;
    if (fields.length !== header.length) return fail({ line, message: `${fields.length} fields, but the header has ${header.length}` });
    for (let j = 0; j < F; j++) {
      const v = parseNumber(fields[featureCols[j]!]!);
      if (typeof v === 'string') return fail({ line, column: header[featureCols[j]!]!, message: v });
      features[r * F + j] = v;
    }
    if (options.task === 'classification') {
      const label = fields[targetCols[0]!]!;
      if (label === '') return fail({ line, column: header[targetCols[0]!]!, message: 'empty class label' });
      rawLabels.push(label);
    } else {
      for (const c of targetCols) {
        const v = parseNumber(fields[c]!);
        if (typeof v === 'string') return fail({ line, column: header[c]!, message: v });
        targetValues.push(v);
      }
    }
  }

  let labelNames: string[], labels: number[];
  if (options.task === 'classification') {
    labelNames = sortClasses([...new Set(rawLabels)]);
    if (labelNames.length < 2) return fail({ line: table.lines[1]!, column: header[targetCols[0]!]!, message: `every row has the class "${labelNames[0]}"; a classifier needs at least two` });
    if (options.encoding === 'binary') {
      if (labelNames.length !== 2) return fail({ line: 1, column: header[targetCols[0]!]!, message: `one 0/1 column needs exactly two classes, found ${labelNames.length}` });
      const positive = labelNames[1]!;
      labels = rawLabels.map((name) => (name === positive ? 1 : 0));
      labelNames = [positive];
    } else {
      const index = new Map(labelNames.map((name, i) => [name, i]));
      labels = new Array<number>(rows.length * labelNames.length).fill(0);
      rawLabels.forEach((name, r) => { labels[r * labelNames.length + index.get(name)!] = 1; });
    }
  } else {
    labelNames = options.targets.map((t) => t);
    labels = targetValues;
  }
  if (features.length + labels.length > MAX_EMBEDDED_VALUES) {
    return fail({ line: 1, message: `${features.length + labels.length} numbers after encoding; at most ${MAX_EMBEDDED_VALUES} can be embedded in a graph` });
  }
  const dataset: EmbeddedDatasetSpec = {
    source: 'embedded', task: options.task,
    featureNames: [...options.features], labelNames,
    features: { shape: [rows.length, F], data: features },
    labels: { shape: [rows.length, labelNames.length], data: labels },
    seed: options.seed ?? 1, testFraction: options.testFraction ?? 0.2,
  };
  return { ok: true, dataset, rows: rows.length, classes: options.task === 'classification' ? sortClasses([...new Set(rawLabels)]) : [] };
}

function parseNumber(field: string): number | string {
  if (field === '') return 'empty field where a number is expected';
  if (!NUMBER.test(field)) return `"${field}" is not a number`;
  const v = Number(field);
  return Number.isFinite(v) ? v : `"${field}" is out of range`;
}

/** Numeric labels in numeric order (2 before 10), others in code-unit order: stable on every machine. */
function sortClasses(names: string[]): string[] {
  if (names.every((n) => NUMBER.test(n))) return names.sort((a, b) => Number(a) - Number(b));
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
