// Loss (and accuracy for classifiers) over whole splits, for the parameters as they stand, run through
// the data in chunks so memory stays bounded however large the dataset.
import type { Program } from '../graph/program.ts';
import type { BatchPrograms } from './batch-programs.ts';
import type { DataFeed } from './data-feed.ts';
import { classesOf, countCorrect, decisionThreshold, meanLoss } from './metrics.ts';
import type { ConfusionMatrix, Metrics } from './records.ts';

export interface EvaluationSetup {
  readonly programs: BatchPrograms;
  readonly feed: DataFeed;
  /** At most this many samples per forward pass. */
  readonly chunk: number;
  /** The node whose output is the class prediction; null for regression. */
  readonly predNodeId: string | null;
}

export function evaluate(setup: EvaluationSetup): Metrics {
  const { feed } = setup;
  const train = evaluateSplit(setup, 'train', feed.trainSize);
  const test = feed.testSize > 0 ? evaluateSplit(setup, 'test', feed.testSize) : null;
  return { trainLoss: train.loss, testLoss: test?.loss ?? null, trainAccuracy: train.accuracy, testAccuracy: test?.accuracy ?? null };
}

/** Runs the split forward in chunks of at most `setup.chunk` rows; `each` reads the program after every chunk. */
function forwardInChunks({ programs, chunk }: EvaluationSetup, split: 'train' | 'test', size: number, each: (program: Program, start: number, count: number) => void): void {
  const rows = new Int32Array(Math.min(chunk, size));
  for (let start = 0; start < size; start += chunk) {
    const count = Math.min(chunk, size - start);
    const part = rows.subarray(0, count);
    for (let i = 0; i < count; i++) part[i] = start + i;
    const { program } = programs.load(part, split);
    program.forward();
    each(program, start, count);
  }
}

function evaluateSplit(setup: EvaluationSetup, split: 'train' | 'test', size: number): { loss: number; accuracy: number | null } {
  const { feed, predNodeId } = setup;
  let lossSum = 0, correct = 0;
  forwardInChunks(setup, split, size, (program, _start, count) => {
    lossSum += meanLoss(program) * count;
    if (predNodeId) correct += countCorrect(program, predNodeId, feed.labelsNodeId!);
  });
  return { loss: lossSum / size, accuracy: predNodeId ? correct / size : null };
}

/** counts[actual][predicted] over a whole split, and which of its samples are misclassified (in split order). */
export function confusion(setup: EvaluationSetup, split: 'train' | 'test'): ConfusionMatrix | null {
  const { feed, predNodeId } = setup;
  const size = split === 'train' ? feed.trainSize : feed.testSize;
  if (!predNodeId || size === 0) return null;
  const width = feed.sources.find((s) => s.nodeId === feed.labelsNodeId)!.width;
  const k = Math.max(2, width);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const misclassified: ConfusionMatrix['misclassified'][number][] = [];
  forwardInChunks(setup, split, size, (program, start, count) => {
    const pred = program.node(predNodeId).frame.out, labels = program.node(feed.labelsNodeId!).frame.out;
    const predicted = classesOf(pred.data, count, width, decisionThreshold(program, predNodeId));
    const actual = classesOf(labels.data, count, width, 0.5);
    for (let i = 0; i < count; i++) {
      counts[actual[i]!]![predicted[i]!]!++;
      if (actual[i] !== predicted[i]) misclassified.push({ sample: start + i, actual: actual[i]!, predicted: predicted[i]! });
    }
  });
  return { split, counts, misclassified };
}
