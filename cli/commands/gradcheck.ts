// gradcheck FILE: central finite differences against the analytic gradients; exit 1 on failure.
import { DEFAULT_ATOL, DEFAULT_EPSILON, DEFAULT_RTOL, gradientCheck, printable, quote, type GradCheckReport, type GradCheckTensor } from '../../engine/index.ts';
import { numberFlag, oneFile, parseArgs } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { progressLine } from '../progress.ts';
import { checkedRun } from '../run-check.ts';
import { loadRunnable, samplesUsage } from '../runnable.ts';
import { num, table } from '../table.ts';

export const gradcheckUsage = `gradcheck FILE ${samplesUsage} [--eps H] [--atol A] [--rtol R] [--json]`;

export function gradcheckCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['eps', 'atol', 'rtol', 'samples'], boolean: ['json'] });
  const file = oneFile(parsed, gradcheckUsage);
  const epsilon = numberFlag(parsed.flags, 'eps', DEFAULT_EPSILON, (n) => n > 0 && n < 1, 'a step between 0 and 1');
  const atol = numberFlag(parsed.flags, 'atol', DEFAULT_ATOL, (n) => n >= 0, 'a tolerance ≥ 0');
  const rtol = numberFlag(parsed.flags, 'rtol', DEFAULT_RTOL, (n) => n >= 0, 'a tolerance ≥ 0');
  const { program } = loadRunnable(io, file, parsed.flags);
  checkedRun(io, file, program);
  const progress = progressLine(io, 'gradcheck', 'entries');
  const report = gradientCheck(program, { epsilon, atol, rtol, onProgress: progress.report });
  progress.end();
  if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(report)}\n`);
  else io.stdout(humanReport(report));
  return report.passed ? EXIT.ok : EXIT.checkFailed;
}

/** Ten significant digits, so analytic and numeric values can be read side by side. */
const precise = (x: number): string => (Number.isFinite(x) && x !== 0 ? x.toPrecision(10).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1') : String(x));

function verdictText(t: GradCheckTensor): string {
  if (t.verdict === 'ok') return 'ok';
  if (t.verdict === 'failed') return 'FAILED';
  return `not differentiable here (kink of ${quote(t.worst.kinkAt ?? '')})`;
}

function humanReport(r: GradCheckReport): string {
  const rows = r.nodes.flatMap((n) => n.tensors.map((t) => [
    n.nodeId, t.name, t.worst.position, precise(t.worst.analytic), precise(t.worst.numeric), num(t.worst.error), num(t.worst.allowed), verdictText(t),
  ]));
  const tolerance = `|a − n| ≤ ${num(r.atol)} + ${num(r.rtol)}·|n| + rounding of L, h = ${num(r.epsilon)}`;
  const kinks = r.kinks > 0 ? `; the other ${r.kinks} sit at a kink, not differentiable there` : '';
  const failing = r.nodes.flatMap((n) => n.tensors.filter((t) => t.verdict === 'failed').map((t) => `${printable(n.nodeId, 40)}.${t.name}`));
  const failed = failing.length > 5 ? [...failing.slice(0, 5), `and ${failing.length - 5} more`] : failing;
  const verdict = r.passed
    ? `passed: ${r.checked - r.kinks} of ${r.checked} entries agree (${tolerance})${kinks}`
    : `FAILED: ${failed.join(', ')} disagree (${tolerance})${r.kinks > 0 ? `; ${r.kinks} entries sit at a kink, not differentiable there` : ''}`;
  // Each row shows the entry of its tensor that came closest to its limit (or failed by most).
  return `${table(['node', 'gradient', 'entry', 'analytic', 'numeric', '|a − n|', 'allowed', ''], rows)}${verdict}\n`;
}
