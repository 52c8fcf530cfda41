// export FILE --to FORMAT [--out FILE]: the graph in another format, written atomically (or to stdout).
// Each format is one entry of `targets`: the flags it takes beyond --to and --out, and its writer.
// A binary format (ONNX, PNG) needs --out: its bytes do not go to a terminal. Figures (svg, png) run
// the graph as the canvas does (dataset-bound graphs on their first samples, --samples N) and draw it
// with interop/figure, the drawing module of the app's File → Export figure….
import type { Graph } from '../../engine/index.ts';
import { drawFigure, ExportError, exportOnnx, exportPyTorch, FigureError, MAX_SCALE, MIN_SCALE, type FigureBackground } from '../../interop/index.ts';
import { keptCopyOf, writeFailureReason } from '../../node-io/atomic-write.ts';
import { quote } from '../../engine/index.ts';
import { numberFlag, oneFile, optionalNumberFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { loadGraph } from '../load.ts';
import { rasterizeSvg } from '../rasterize.ts';
import { runnableOf, samplesFlag, SAMPLES_FLAG } from '../runnable.ts';

interface ExportTarget {
  /** Value flags of this format, beyond --to and --out. */
  readonly flags: readonly string[];
  /** Writes bytes, not text: needs --out. */
  readonly binary?: boolean;
  /** Checks this format's flags before the file is read. */
  check?(flags: ParsedArgs['flags']): void;
  write(graph: Graph, flags: ParsedArgs['flags'], where: { io: CliIo; file: string }): string | Uint8Array | Promise<string | Uint8Array>;
}

const dtypes = ['float64', 'float32'] as const;

function dtypeFlag(flags: ParsedArgs['flags']): (typeof dtypes)[number] {
  const raw = stringFlag(flags, 'dtype') ?? 'float64';
  const dtype = dtypes.find((d) => d === raw);
  if (!dtype) throw new CliError(`--dtype ${quote(raw)}: expected float64 or float32`);
  return dtype;
}

const backgrounds: readonly FigureBackground[] = ['white', 'transparent'];

/** The figure's flags: --step N (1-based, as the Step panel counts), --scale S, --background. */
function figureFlags(flags: ParsedArgs['flags']): { step: number | undefined; scale: number; background: FigureBackground } {
  const step = optionalNumberFlag(flags, 'step', (n) => Number.isInteger(n) && n >= 1, 'a step number from 1 (the Step panel\'s numbering)');
  const scale = numberFlag(flags, 'scale', 1, (n) => n >= MIN_SCALE && n <= MAX_SCALE, `a scale from ${MIN_SCALE} to ${MAX_SCALE}`);
  const raw = stringFlag(flags, 'background') ?? 'white';
  const background = backgrounds.find((b) => b === raw);
  if (!background) throw new CliError(`--background ${quote(raw)}: expected white or transparent`);
  return { step, scale, background };
}

/** The figure's SVG: the graph run as the canvas runs it, drawn as the canvas shows it. */
function figureSvg(graph: Graph, flags: ParsedArgs['flags'], { io, file }: { io: CliIo; file: string }): string {
  const { step, scale, background } = figureFlags(flags);
  const { program } = runnableOf(io, file, graph, samplesFlag(flags));
  program.run();
  try {
    return drawFigure(graph, { results: program.results(), step: step === undefined ? undefined : step - 1, scale, background }).svg;
  } catch (e) {
    if (e instanceof FigureError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

const FIGURE_FLAGS = ['step', 'scale', 'background', SAMPLES_FLAG] as const;
const checkFigure = (flags: ParsedArgs['flags']): void => { figureFlags(flags); samplesFlag(flags); };

const targets: Record<string, ExportTarget> = {
  pytorch: { flags: [], write: (graph) => exportPyTorch(graph) },
  onnx: { flags: ['dtype'], binary: true, check: dtypeFlag, write: (graph, flags) => exportOnnx(graph, { dtype: dtypeFlag(flags) }) },
  svg: { flags: FIGURE_FLAGS, check: checkFigure, write: figureSvg },
  png: { flags: FIGURE_FLAGS, binary: true, check: checkFigure, write: (graph, flags, where) => rasterizeSvg(figureSvg(graph, flags, where), (m) => where.io.stderr(`${m}\n`)) },
};

export const exportUsage = `export FILE --to ${Object.keys(targets).join('|')} [--out FILE] [--dtype float64|float32] [--step N] [--scale S] [--background white|transparent] [--samples N]`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const formatFlags = [...new Set(Object.values(targets).flatMap((t) => t.flags))];
  const parsed = parseArgs(args, { value: ['to', 'out', ...formatFlags], boolean: [] });
  const file = oneFile(parsed, exportUsage);
  const to = parsed.flags.get('to');
  if (to === undefined) throw new CliError(`--to is required: ${exportUsage}`);
  const target = typeof to === 'string' && Object.hasOwn(targets, to) ? targets[to]! : null;
  if (!target) throw new CliError(`--to ${String(to)}: expected ${Object.keys(targets).slice(0, -1).join(', ')} or ${Object.keys(targets).at(-1)}`);
  const stray = formatFlags.find((f) => parsed.flags.has(f) && !target.flags.includes(f));
  if (stray) throw new CliError(`--${stray} does not apply to --to ${String(to)}`);
  const out = parsed.flags.get('out');
  // Flags are refused before the file is read.
  target.check?.(parsed.flags);
  if (target.binary && typeof out !== 'string') throw new CliError(`--to ${String(to)} writes a binary file: give --out FILE`);

  const graph = loadGraph(io, file);
  let text: string | Uint8Array;
  try {
    text = await target.write(graph, parsed.flags, { io, file });
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
