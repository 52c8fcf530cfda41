// hessian FILE --params l1.W,l2.b [--json]: the exact Hessian of L, rows and columns labelled.
import { hessian, parseParamRefs, printable, toJson, type HessianResult } from '../../engine/index.ts';
import { oneFile, parseArgs, stringFlag } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { progressLine } from '../progress.ts';
import { checkedRun } from '../run-check.ts';
import { loadRunnable, samplesUsage } from '../runnable.ts';
import { num } from '../table.ts';

export const hessianUsage = `hessian FILE --params node.param[,node.param…] ${samplesUsage} [--json]`;

/** Up to this many entries the text output is the whole matrix; past it, a summary (--json has every entry). */
const TABLE_ENTRIES = 12;
/** Labels from the file are cut to this many characters in the table. */
const LABEL_CHARS = 24;

export function hessianCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['params', 'samples'], boolean: ['json'] });
  const file = oneFile(parsed, hessianUsage);
  const list = stringFlag(parsed.flags, 'params', hessianUsage)!;
  const { program } = loadRunnable(io, file, parsed.flags);
  checkedRun(io, file, program);
  const progress = progressLine(io, 'hessian', 'columns');
  const result = hessian(program, parseParamRefs(list), { onProgress: progress.report });
  progress.end();
  const { labels, matrix } = result;
  if (parsed.flags.has('json')) {
    io.stdout(`${JSON.stringify({ order: labels, hessian: toJson({ shape: [matrix.rows, matrix.cols], data: matrix.data }) })}\n`);
    return EXIT.ok;
  }
  io.stdout(labels.length <= TABLE_ENTRIES ? table(result) : summary(result));
  return EXIT.ok;
}

function table({ labels, matrix }: HessianResult): string {
  const shown = labels.map((l) => printable(l, LABEL_CHARS));
  const cells = shown.map((_, r) => shown.map((__, c) => num(matrix.data[r * matrix.cols + c]!)));
  let width = 0;
  for (const l of shown) width = Math.max(width, l.length);
  for (const row of cells) for (const c of row) width = Math.max(width, c.length);
  const lines = [
    `Hessian of L, rows and columns in this order: ${shown.join(', ')}`,
    `${''.padEnd(width)}  ${shown.map((l) => l.padStart(width)).join('  ')}`,
    ...cells.map((row, r) => `${shown[r]!.padEnd(width)}  ${row.map((c) => c.padStart(width)).join('  ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Shape, where each parameter's rows are, the largest entry, the diagonal's range and the asymmetry. */
function summary({ labels, matrix }: HessianResult): string {
  const n = matrix.rows, H = matrix.data;
  let maxAbs = 0, at = 0, diagMin = Infinity, diagMax = -Infinity, asym = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = H[r * n + c]!;
      if (Math.abs(v) > maxAbs) { maxAbs = Math.abs(v); at = r * n + c; }
      if (c > r) asym = Math.max(asym, Math.abs(v - H[c * n + r]!));
    }
    diagMin = Math.min(diagMin, H[r * n + r]!);
    diagMax = Math.max(diagMax, H[r * n + r]!);
  }
  const blocks: string[] = [];
  for (let start = 0; start < n;) {
    const name = labels[start]!.replace(/\[[^\]]*\]$/, '');
    let end = start;
    while (end + 1 < n && labels[end + 1]!.replace(/\[[^\]]*\]$/, '') === name) end++;
    blocks.push(`  ${printable(name, LABEL_CHARS * 2)}: rows ${start}–${end} (${labels[start]!.slice(name.length)} … ${labels[end]!.slice(name.length)})`);
    start = end + 1;
  }
  const label = (i: number): string => printable(labels[i]!, LABEL_CHARS * 2);
  return [
    `Hessian of L: ${n}×${n}, too large to print as a table (more than ${TABLE_ENTRIES} entries); --json prints every entry`,
    'rows and columns in this order:',
    ...blocks.slice(0, 20),
    ...(blocks.length > 20 ? [`  … and ${blocks.length - 20} more parameters`] : []),
    `largest |entry| ${num(maxAbs)} at (${label(Math.floor(at / n))}, ${label(at % n)}); diagonal from ${num(diagMin)} to ${num(diagMax)}; max |H − Hᵀ| ${num(asym)}`,
  ].join('\n') + '\n';
}
