// jacobian FILE --node ID [--sample S] [--json]: the explicit local Jacobians of one node for one sample.
import { toJson, type Matrix } from '../../engine/index.ts';
import { numberFlag, oneFile, parseArgs } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { loadProgram } from '../load.ts';
import { checkedRun } from '../run-check.ts';
import { num } from '../table.ts';

export const jacobianUsage = 'jacobian FILE --node ID [--sample S] [--json]';

export function jacobianCommand(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { value: ['node', 'sample'], boolean: ['json'] });
  const file = oneFile(parsed, jacobianUsage);
  const nodeId = parsed.flags.get('node');
  if (typeof nodeId !== 'string') throw new CliError(`--node is required: ${jacobianUsage}`);
  const sample = numberFlag(parsed.flags, 'sample', 0, Number.isInteger, 'a sample index');
  const { program } = loadProgram(io, file);
  checkedRun(io, file, program);
  const node = program.node(nodeId);
  const blocks: { wrt: string; matrix: Matrix }[] = [
    ...node.def.inputs.map((port) => ({ wrt: port, matrix: program.jacobian(nodeId, sample, { input: port }) })),
    ...node.paramNames.map((name) => ({ wrt: name, matrix: program.jacobian(nodeId, sample, { param: name }) })),
  ];
  if (blocks.length === 0) throw new CliError(`node "${nodeId}" (${node.kind}) has no inputs or parameters to differentiate by`);
  if (parsed.flags.has('json')) {
    const out = Object.fromEntries(blocks.map((b) => [b.wrt, toJson({ shape: [b.matrix.rows, b.matrix.cols], data: b.matrix.data })]));
    io.stdout(`${JSON.stringify({ node: nodeId, sample, jacobians: out })}\n`);
    return EXIT.ok;
  }
  for (const { wrt, matrix } of blocks) {
    io.stdout(`d(${nodeId}.out)/d(${wrt}) for sample ${sample}: ${matrix.rows}×${matrix.cols}\n`);
    for (let r = 0; r < matrix.rows; r++) {
      io.stdout(`  ${Array.from(matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols), (v) => num(v).padStart(11)).join(' ')}\n`);
    }
  }
  return EXIT.ok;
}
