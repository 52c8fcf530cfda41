// export FILE --to FORMAT [--out FILE]: the graph in another format, written atomically (or to stdout).
// Each format is one entry of `targets`: the flags it takes beyond --to and --out, and its writer.
// A binary format (ONNX) needs --out: its bytes do not go to a terminal.
import type { Graph } from '../../engine/index.ts';
import { ExportError, exportOnnx, exportPyTorch } from '../../interop/index.ts';
import { keptCopyOf, writeFailureReason } from '../../node-io/atomic-write.ts';
import { quote } from '../../engine/index.ts';
import { oneFile, parseArgs, stringFlag, type ParsedArgs } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { loadGraph } from '../load.ts';

interface ExportTarget {
  /** Value flags of this format, beyond --to and --out. */
  readonly flags: readonly string[];
  /** Writes bytes, not text: needs --out. */
  readonly binary?: boolean;
  write(graph: Graph, flags: ParsedArgs['flags']): string | Uint8Array;
}

const dtypes = ['float64', 'float32'] as const;

function dtypeFlag(flags: ParsedArgs['flags']): (typeof dtypes)[number] {
  const raw = stringFlag(flags, 'dtype') ?? 'float64';
  const dtype = dtypes.find((d) => d === raw);
  if (!dtype) throw new CliError(`--dtype ${quote(raw)}: expected float64 or float32`);
  return dtype;
}

const targets: Record<string, ExportTarget> = {
  pytorch: { flags: [], write: (graph) => exportPyTorch(graph) },
  onnx: { flags: ['dtype'], binary: true, write: (graph, flags) => exportOnnx(graph, { dtype: dtypeFlag(flags) }) },
};

export const exportUsage = `export FILE --to ${Object.keys(targets).join('|')} [--out FILE] [--dtype float64|float32]`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const formatFlags = [...new Set(Object.values(targets).flatMap((t) => t.flags))];
  const parsed = parseArgs(args, { value: ['to', 'out', ...formatFlags], boolean: [] });
  const file = oneFile(parsed, exportUsage);
  const to = parsed.flags.get('to');
  if (to === undefined) throw new CliError(`--to is required: ${exportUsage}`);
  const target = typeof to === 'string' && Object.hasOwn(targets, to) ? targets[to]! : null;
  if (!target) throw new CliError(`--to ${String(to)}: expected ${Object.keys(targets).join(' or ')}`);
  const stray = formatFlags.find((f) => parsed.flags.has(f) && !target.flags.includes(f));
  if (stray) throw new CliError(`--${stray} does not apply to --to ${String(to)}`);
  const out = parsed.flags.get('out');
  // Flags are refused before the file is read.
  if (target.flags.includes('dtype')) dtypeFlag(parsed.flags);
  if (target.binary && typeof out !== 'string') throw new CliError(`--to ${String(to)} writes a binary file: give --out FILE`);

  const graph = loadGraph(io, file);
  let text: string | Uint8Array;
  try {
    text = target.write(graph, parsed.flags);
  } catch (e) {
    if (e instanceof ExportError) throw new CliError(`${file}: cannot export to ${String(to)}: ${e.message}`);
    throw e;
  }
  if (typeof out !== 'string') {
    io.stdout(typeof text === 'string' ? text : '');
    return EXIT.ok;
  }
  try {
    await io.writeFile(out, text);
  } catch (e) {
    const kept = keptCopyOf(e);
    throw new CliError(`${out}: cannot write (${writeFailureReason(out, e)}); ${kept ? `the complete export is in ${kept}` : 'the file was left as it was'}`);
  }
  io.stdout(`wrote ${out} (${typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.byteLength} bytes)\n`);
  return EXIT.ok;
}
