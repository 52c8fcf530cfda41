// import MODEL.onnx --out GRAPH.bpgraph: an ONNX model as a graph (interop/onnx/import.ts), laid out,
// with sample data and, for a model without a loss, an mse against zeros so it runs and shows
// gradients. An unsupported operator exits 2 with one line naming each operator and node.
import { serializeGraph } from '../../engine/index.ts';
import { importOnnx, OnnxImportError } from '../../interop/index.ts';
import { keptCopyOf, writeFailureReason } from '../../node-io/atomic-write.ts';
import { oneFile, parseArgs, stringFlag } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { readInput } from '../load.ts';

export const importUsage = 'import MODEL.onnx --out GRAPH.bpgraph';

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { value: ['out'], boolean: [] });
  const file = oneFile(parsed, importUsage);
  const out = stringFlag(parsed.flags, 'out', importUsage)!;
  const content = readInput(io, file);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.onnx$/i, '');
  let text: string;
  try {
    text = serializeGraph(importOnnx(bytes, { name }));
  } catch (e) {
    if (e instanceof OnnxImportError) throw new CliError(`${file}: cannot import: ${e.message}`);
    throw e;
  }
  try {
    await io.writeFile(out, text);
  } catch (e) {
    const kept = keptCopyOf(e);
    throw new CliError(`${out}: cannot write (${writeFailureReason(out, e)}); ${kept ? `the complete graph is in ${kept}` : 'the file was left as it was'}`);
  }
  io.stdout(`wrote ${out} (${Buffer.byteLength(text, 'utf8')} bytes)\n`);
  return EXIT.ok;
}
