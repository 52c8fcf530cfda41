// Loss (and accuracy for classifiers) over whole splits, for the parameters as they stand, run through
// the data in chunks so memory stays bounded however large the dataset.
import type { BatchPrograms } from './batch-programs.ts';
import type { DataFeed } from './data-feed.ts';
import { countCorrect, meanLoss } from './metrics.ts';
import type { Metrics } from './records.ts';

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

function evaluateSplit({ programs, feed, chunk, predNodeId }: EvaluationSetup, split: 'train' | 'test', size: number): { loss: number; accuracy: number | null } {
  let lossSum = 0, correct = 0;
  const rows = new Int32Array(Math.min(chunk, size));
  for (let start = 0; start < size; start += chunk) {
    const count = Math.min(chunk, size - start);
    const part = rows.subarray(0, count);
    for (let i = 0; i < count; i++) part[i] = start + i;
    const { program } = programs.load(part, split);
    program.forward();
    lossSum += meanLoss(program) * count;
    if (predNodeId) correct += countCorrect(program, predNodeId, feed.labelsNodeId!);
  }
  return { loss: lossSum / size, accuracy: predNodeId ? correct / size : null };
}
