// gradcheck FILE: central finite differences against the analytic gradients; exit 1 on failure.
import { DEFAULT_EPSILON, DEFAULT_TOLERANCE, gradientCheck } from '../../engine/index.ts';
import { numberFlag, oneFile, parseArgs } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { loadProgram } from '../load.ts';
import { num, table } from '../table.ts';

export const gradcheckUsage = 'gradcheck FILE [--eps H] [--tol T] [--json]';

export function gradcheckCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['eps', 'tol'], boolean: ['json'] });
  const file = oneFile(parsed, gradcheckUsage);
  const epsilon = numberFlag(parsed.flags, 'eps', DEFAULT_EPSILON, (n) => n > 0 && n < 1, 'a step between 0 and 1');
  const tolerance = numberFlag(parsed.flags, 'tol', DEFAULT_TOLERANCE, (n) => n > 0, 'a positive tolerance');
  const { program } = loadProgram(io, file);
  const report = gradientCheck(program, { epsilon, tolerance });
  if (parsed.flags.has('json')) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    const rows = report.nodes.map((n) => [n.nodeId, n.tensors.map((t) => t.name).join(', '), num(n.maxRelError), n.passed ? 'ok' : 'FAIL']);
    io.stdout(table(['node', 'checked', 'max rel. error', ''], rows));
    io.stdout(`${report.passed ? 'passed' : 'FAILED'}: max relative error ${num(report.maxRelError)} (tolerance ${num(tolerance)}, h = ${num(epsilon)})\n`);
  }
  return report.passed ? EXIT.ok : EXIT.checkFailed;
}
