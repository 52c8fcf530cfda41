// train FILE [--epochs N --lr X --optimizer sgd|adam --momentum M --weight-decay L2 --l1 L1 --batch B --seed S] [--fast] [--out FILE] [--json]
// Trains on the graph's bound dataset (or its fixed values) with its saved settings, flags overriding them;
// --fast on the float32 path (engine/train/float32.ts), said in the output, the saved parameters float64.
import { setFlagsFromString } from 'node:v8';
import { BudgetError, GraphValidationError, serializeGraph, type Graph } from '../../engine/index.ts';
import { createTrainer, type Trainer, type TrainingProgress } from '../../engine/index.ts';
import { TrainingSetupError, bundledInfo, graphDatasets, trainingSettingsSchema, withTrainingSettings, type TrainingSettings } from '../../engine/index.ts';
import { oneFile, optionalNumberFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.ts';
import { keptCopyOf, writeFailureReason } from '../../node-io/atomic-write.ts';
import { CliError, type CliIo, EXIT, oneLine } from '../io.ts';
import { confusionText, mistakesText } from '../confusion-text.ts';
import { loadGraph } from '../load.ts';

export const trainUsage = 'train FILE [--epochs N] [--lr X] [--optimizer sgd|adam] [--momentum M] [--weight-decay L2] [--l1 L1] [--batch B] [--seed S] [--fast] [--out FILE] [--json]';

/** How often the progress bar is redrawn, and the length of one training chunk. */
const CHUNK_MS = 100;
const BAR_WIDTH = 24;

export async function trainCommand(args: string[], io: CliIo): Promise<number> {
  try {
    return await train(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`backprop-studio train: ${oneLine(e.message)}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

async function train(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { value: ['epochs', 'lr', 'optimizer', 'momentum', 'weight-decay', 'l1', 'batch', 'seed', 'out'], boolean: ['json', 'fast'] });
  const file = oneFile(parsed, trainUsage);
  const f = parsed.flags;
  const optimizer = f.get('optimizer');
  if (optimizer !== undefined && optimizer !== 'sgd' && optimizer !== 'adam') throw new CliError(`--optimizer ${String(optimizer)}: expected sgd or adam`);
  const overrides = {
    epochs: flag(f, 'epochs', 'epochs', (n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
    learningRate: flag(f, 'lr', 'learningRate', (n) => n > 0, 'a positive number'),
    momentum: flag(f, 'momentum', 'momentum', (n) => n >= 0 && n < 1, 'a number in [0, 1)'),
    weightDecay: flag(f, 'weight-decay', 'weightDecay', (n) => n >= 0 && n <= 10, 'a number in [0, 10]'),
    l1: flag(f, 'l1', 'l1', (n) => n >= 0 && n <= 10, 'a number in [0, 10]'),
    batchSize: flag(f, 'batch', 'batchSize', (n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
    seed: flag(f, 'seed', 'seed', (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number in [0, 2³²)'),
    optimizer: optimizer as 'sgd' | 'adam' | undefined,
  };
  const out = stringFlag(f, 'out');

  const graph = loadGraph(io, file);
  const fast = parsed.flags.has('fast');
  // Node 20 validates relaxed SIMD (the kernel's fused multiply-add) only behind this flag; set before it compiles.
  if (fast) setFlagsFromString('--experimental-wasm-relaxed-simd');
  const trainer = setUp(file, graph, overrides, fast);
  if (trainer.float32Refusal) io.stderr(`backprop-studio train: ${oneLine(`${file}: --fast: ${trainer.float32Refusal.message}`)}\n`);
  const started = Date.now();
  let progress: TrainingProgress = trainer.progress();
  while (!trainer.finished) {
    progress = trainer.runFor(CHUNK_MS).progress;
    if (io.isTTY) io.stderr(`\r${bar(progress)}`);
    await Promise.resolve(); // a chunk boundary: where a caller's signal handlers get to run
  }
  if (io.isTTY) io.stderr('\n');
  const seconds = (Date.now() - started) / 1000;

  if (progress.failure) {
    io.stderr(`backprop-studio train: ${oneLine(`${file}: ${progress.failure.message}`)}\n`);
    if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(summary(trainer, progress, seconds))}\n`);
    // A value outside a module's domain (bce fed a 1.7) is a wiring mistake in the file: bad input.
    return progress.failure.cause?.severity === 'error' ? EXIT.badInput : EXIT.checkFailed;
  }
  if (typeof out === 'string') {
    const trained = withTrainingSettings(trainer.trainedGraph(), trainer.settings);
    try {
      await io.writeFile(out, serializeGraph(trained));
    } catch (e) {
      const kept = keptCopyOf(e);
      throw new CliError(`${out}: cannot write (${writeFailureReason(out, e)}); ${kept ? `the complete trained graph is in ${kept}` : 'the file was left as it was'}`);
    }
  }
  if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(summary(trainer, progress, seconds))}\n`);
  else io.stdout(humanSummary(trainer, progress, seconds, typeof out === 'string' ? out : null) + classesText(trainer, graph));
  return EXIT.ok;
}

/** A number flag that also fits the saved setting's range, so an out-of-range flag is the flag's error, not the file's. */
function flag(flags: ParsedArgs['flags'], name: string, setting: 'epochs' | 'learningRate' | 'momentum' | 'weightDecay' | 'l1' | 'batchSize' | 'seed', check: (n: number) => boolean, what: string): number | undefined {
  const n = optionalNumberFlag(flags, name, check, what);
  if (n === undefined) return undefined;
  const r = trainingSettingsSchema.shape[setting].safeParse(n);
  if (!r.success) {
    const issue = r.error.issues[0]! as { code: string; message: string; maximum?: number | bigint; minimum?: number | bigint };
    const why = issue.code === 'too_big' ? `at most ${issue.maximum}` : issue.code === 'too_small' ? `at least ${issue.minimum}` : issue.message;
    throw new CliError(`--${name} ${flags.get(name) as string}: expected ${why}`);
  }
  return n;
}

function setUp(file: string, graph: Graph, overrides: Partial<TrainingSettings>, fast: boolean): Trainer {
  try {
    return createTrainer(graph, { settings: overrides, now: () => performance.now(), precision: fast ? 'float32' : 'float64' });
  } catch (e) {
    if (e instanceof TrainingSetupError || e instanceof GraphValidationError || e instanceof BudgetError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

function bar(p: TrainingProgress): string {
  const done = p.totalSteps > 0 ? p.step / p.totalSteps : 1;
  const filled = Math.round(done * BAR_WIDTH);
  const m = p.metrics;
  const loss = m ? ` loss ${fmt(m.trainLoss)}` : p.batchLoss !== null ? ` loss ${fmt(p.batchLoss)}` : '';
  const acc = m?.testAccuracy ?? m?.trainAccuracy;
  const accText = acc !== null && acc !== undefined ? ` acc ${(acc * 100).toFixed(1)}%` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] epoch ${p.epoch}/${p.epochs}${loss}${accText}  ${Math.round(p.stepsPerSecond)} steps/s `;
}

function summary(t: Trainer, p: TrainingProgress, seconds: number): Record<string, unknown> {
  return {
    state: p.state, epochs: p.epoch, steps: p.step,
    trainLoss: p.metrics?.trainLoss ?? null, testLoss: p.metrics?.testLoss ?? null,
    trainAccuracy: p.metrics?.trainAccuracy ?? null, testAccuracy: p.metrics?.testAccuracy ?? null,
    seconds, stepsPerSecond: p.stepsPerSecond, settings: t.settings, precision: t.precision,
    ...(t.float32Refusal ? { float32Refusal: t.float32Refusal } : {}),
    confusion: p.failure ? null : t.confusion(t.feed.testSize > 0 ? 'test' : 'train'),
    ...(p.failure ? { failure: { nodeId: p.failure.nodeId, phase: p.failure.phase, message: p.failure.message } } : {}),
  };
}

function humanSummary(t: Trainer, p: TrainingProgress, seconds: number, out: string | null): string {
  const m = p.metrics;
  const s = t.settings;
  const reg = `${s.weightDecay > 0 ? ` weight decay ${s.weightDecay}` : ''}${s.l1 > 0 ? ` l1 ${s.l1}` : ''}`;
  const opt = `${s.optimizer === 'sgd' ? `sgd lr ${s.learningRate} momentum ${s.momentum}` : `adam lr ${s.learningRate}`}${reg}`;
  const lines = [
    `trained ${p.epoch} epochs, ${p.step} steps (${opt}, batch ${t.batchSize}, seed ${s.seed}${t.precision === 'float32' ? ', float32' : ''}) in ${seconds.toFixed(2)} s, ${Math.round(p.stepsPerSecond)} steps/s`,
    `train loss ${m ? fmt(m.trainLoss) : '-'}${m?.testLoss !== null && m?.testLoss !== undefined ? `  test loss ${fmt(m.testLoss)}` : ''}`,
  ];
  if (m?.trainAccuracy !== null && m?.trainAccuracy !== undefined) {
    lines.push(`train accuracy ${pct(m.trainAccuracy)}${m.testAccuracy !== null ? `  test accuracy ${pct(m.testAccuracy)}` : ''}`);
  }
  if (out) lines.push(`wrote ${out}`);
  return `${lines.join('\n')}\n`;
}

/** For more than two classes: the confusion matrix, and for an image dataset the first mistakes drawn. */
function classesText(t: Trainer, graph: Graph): string {
  const dataset = t.feed.dataset;
  const m = dataset && dataset.classCount > 2 ? t.confusion(t.feed.testSize > 0 ? 'test' : 'train') : null;
  if (!m || !dataset) return '';
  const spec = t.feed.datasetName !== null ? graphDatasets(graph)[t.feed.datasetName] : undefined;
  const image = spec?.source === 'bundled' ? bundledInfo[spec.name].image : undefined;
  const split = m.split === 'test' ? dataset.test : dataset.train;
  return confusionText(m, dataset.labelNames) + (image ? mistakesText(m, split, image, dataset.labelNames) : '');
}

const fmt = (x: number): string => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
