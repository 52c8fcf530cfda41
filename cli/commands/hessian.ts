// hessian FILE --params l1.W,l2.b [--json]: the exact Hessian of L, rows and columns labelled.
import { hessian, parseParamRefs, toJson } from '../../engine/index.ts';
import { oneFile, parseArgs } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { loadProgram } from '../load.ts';
import { checkedRun } from '../run-check.ts';
import { num } from '../table.ts';

export const hessianUsage = 'hessian FILE --params node.param[,node.param…] [--json]';

export function hessianCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['params'], boolean: ['json'] });
  const file = oneFile(parsed, hessianUsage);
  const list = parsed.flags.get('params');
  if (typeof list !== 'string') throw new CliError(`--params is required: ${hessianUsage}`);
  const { program } = loadProgram(io, file);
  checkedRun(io, file, program);
  const { labels, matrix } = hessian(program, parseParamRefs(list));
  if (parsed.flags.has('json')) {
    io.stdout(`${JSON.stringify({ order: labels, hessian: toJson({ shape: [matrix.rows, matrix.cols], data: matrix.data }) })}\n`);
    return EXIT.ok;
  }
  const cells = labels.map((_, r) => labels.map((__, c) => num(matrix.data[r * matrix.cols + c]!)));
  const width = Math.max(...labels.map((l) => l.length), ...cells.flat().map((c) => c.length));
  io.stdout(`Hessian of L, rows and columns in this order: ${labels.join(', ')}\n`);
  io.stdout(`${''.padEnd(width)}  ${labels.map((l) => l.padStart(width)).join('  ')}\n`);
  cells.forEach((row, r) => io.stdout(`${labels[r]!.padEnd(width)}  ${row.map((c) => c.padStart(width)).join('  ')}\n`));
  return EXIT.ok;
}
