// jacobian FILE --node ID [--sample S] [--json]: the explicit local Jacobians of one node for one sample
// (of a composite module's instance: the whole module's, through its inner nodes).
import {
  BudgetError, checkJacobianBudget, formatBytes, MATRIX_BUDGET_BYTES, PATH_SEPARATOR, printable, quote, toJson, type JacobianOf, type Matrix,
} from '../../engine/index.ts';
import { numberFlag, oneFile, parseArgs, stringFlag } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { checkedRun } from '../run-check.ts';
import { loadRunnable, samplesUsage } from '../runnable.ts';
import { num } from '../table.ts';

export const jacobianUsage = `jacobian FILE --node ID [--sample S] ${samplesUsage} [--json]`;

/** Up to this many rows and columns the text output is the whole matrix; past it, a summary (--json has every entry). */
const TABLE_SIDE = 12;

export function jacobianCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['node', 'sample', 'samples'], boolean: ['json'] });
  const file = oneFile(parsed, jacobianUsage);
  const nodeId = stringFlag(parsed.flags, 'node', jacobianUsage)!;
  const sample = numberFlag(parsed.flags, 'sample', 0, (n) => Number.isInteger(n) && n >= 0, 'a sample index (0, 1, …)');
  const { program } = loadRunnable(io, file, parsed.flags);
  checkedRun(io, file, program);
  const inst = program.instance(nodeId);
  let targets: { wrt: string; of: JacobianOf }[];
  if (inst) {
    // A composite module's instance: the Jacobian of the whole module, its first output by each input
    // port and each inner parameter ("fc.W"), through the inner nodes.
    const inner = program.nodes.filter((n) => n.id.startsWith(`${nodeId}${PATH_SEPARATOR}`));
    const blocks = [
      ...Object.entries(inst.inputs).map(([port, at]) => {
        const n = program.node(at.node);
        return { wrt: port, of: { input: port }, cols: n.frame.inputs[n.ports.indexOf(at.port)]!.shape[1] ?? 1 };
      }),
      ...inner.flatMap((n) => n.paramNames.map((name, i) => {
        const wrt = `${n.id.slice(nodeId.length + 1)}.${name}`;
        return { wrt, of: { param: wrt }, cols: n.frame.params[i]!.data.length };
      })),
    ];
    const rows = program.node(Object.values(inst.outputs)[0]!).frame.out.shape[1] ?? 1;
    for (const { wrt, cols } of blocks) { // every block refused before any is computed
      const bytes = rows * cols * 8;
      if (bytes > MATRIX_BUDGET_BYTES) throw new BudgetError(`node ${quote(nodeId)}: the Jacobian d(out)/d(${quote(wrt)}) [${rows}, ${cols}] needs ${formatBytes(bytes)}, more than the ${formatBytes(MATRIX_BUDGET_BYTES)} a matrix may use`, nodeId, bytes, MATRIX_BUDGET_BYTES);
    }
    targets = blocks;
  } else {
    const node = program.node(nodeId);
    targets = [
      ...node.ports.map((port) => ({ wrt: port, of: { input: port } })),
      ...node.paramNames.map((name) => ({ wrt: name, of: { param: name } })),
    ];
    if (targets.length === 0) throw new CliError(`node ${quote(nodeId)} (${printable(node.kind)}) has no inputs or parameters to differentiate by`);
    for (const t of targets) checkJacobianBudget(node, t.of); // every block refused before any is computed
  }
  const outName = inst ? Object.keys(inst.outputs)[0]! : 'out';
  const blocks: { wrt: string; matrix: Matrix }[] = targets.map((t) => ({ wrt: t.wrt, matrix: program.jacobian(nodeId, sample, t.of) }));
  if (parsed.flags.has('json')) {
    const out = Object.fromEntries(blocks.map((b) => [b.wrt, toJson({ shape: [b.matrix.rows, b.matrix.cols], data: b.matrix.data })]));
    io.stdout(`${JSON.stringify({ node: nodeId, ...(inst ? { output: outName } : {}), sample, jacobians: out })}\n`);
    return EXIT.ok;
  }
  for (const { wrt, matrix } of blocks) {
    const title = `d(${printable(nodeId)}.${printable(outName)})/d(${printable(wrt)}) for sample ${sample}: ${matrix.rows}×${matrix.cols}`;
    if (matrix.rows > TABLE_SIDE || matrix.cols > TABLE_SIDE) {
      let maxAbs = 0;
      for (const v of matrix.data) maxAbs = Math.max(maxAbs, Math.abs(v));
      io.stdout(`${title}, too large to print (more than ${TABLE_SIDE} rows or columns; --json prints every entry); largest |entry| ${num(maxAbs)}\n`);
      continue;
    }
    io.stdout(`${title}\n`);
    for (let r = 0; r < matrix.rows; r++) {
      io.stdout(`  ${Array.from(matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols), (v) => num(v).padStart(11)).join(' ')}\n`);
    }
  }
  return EXIT.ok;
}
