// A dataset spec (as the file stores it) turned into train and test matrices. Deterministic: the same
// spec gives the same numbers on every machine, so a file only needs the recipe of a generated set.
import type { BundledDatasetSpec, DatasetSpec, EmbeddedDatasetSpec, GeneratedDatasetSpec } from '../format/schema.ts';
import { createRng, hashSeed } from '../init.ts';
import { bundledInfo, loadBundled } from './bundled.ts';
import { generate, generatorInfo, type RawSamples } from './generators.ts';

export interface DataSplit {
  readonly size: number;
  /** [size, featureCount], row-major. */
  readonly features: Float64Array;
  /** [size, labelCount], row-major. */
  readonly labels: Float64Array;
}

export interface Dataset {
  readonly task: 'classification' | 'regression';
  readonly featureCount: number;
  /** Columns of the labels: classes (one-hot), 1 (binary 0/1), or regression targets. */
  readonly labelCount: number;
  /** Classification: number of classes (2 for binary labels). Regression: 0. */
  readonly classCount: number;
  readonly featureNames: readonly string[];
  readonly labelNames: readonly string[];
  readonly train: DataSplit;
  readonly test: DataSplit;
}

/** Widths without generating anything: what a bound node's config.size must be. */
export function datasetWidths(spec: DatasetSpec): { features: number; labels: number; task: 'classification' | 'regression' } {
  if (spec.source === 'embedded') return { features: spec.featureNames.length, labels: spec.labelNames.length, task: spec.task };
  if (spec.source === 'bundled') return { features: bundledInfo[spec.name].featureCount, labels: bundledInfo[spec.name].classCount, task: 'classification' };
  const info = generatorInfo[spec.generator];
  const k = info.classCount(spec.classes);
  const labels = info.task === 'regression' ? 1 : spec.labels === 'binary' ? 1 : k;
  return { features: info.featureCount, labels, task: info.task };
}

export function buildDataset(spec: DatasetSpec): Dataset {
  if (spec.source === 'bundled') return buildBundled(spec);
  return spec.source === 'generated' ? buildGenerated(spec) : buildEmbedded(spec);
}

/** How many samples a dataset holds, whatever its source. */
export function datasetSize(spec: DatasetSpec): number {
  if (spec.source === 'generated') return spec.size;
  if (spec.source === 'bundled') return bundledInfo[spec.name].size;
  return spec.features.shape[0]!;
}

function buildBundled(spec: BundledDatasetSpec): Dataset {
  const raw = loadBundled(spec.name);
  return split({
    task: 'classification', featureCount: raw.featureCount, labelCount: raw.classCount, classCount: raw.classCount,
    featureNames: raw.featureNames, labelNames: raw.labelNames,
  }, raw.features, oneHot(raw), raw.features.length / raw.featureCount, spec.seed, spec.testFraction);
}

function oneHot(raw: RawSamples): Float64Array {
  const k = raw.classCount, classes = raw.classes!;
  const labels = new Float64Array(classes.length * k);
  for (let i = 0; i < classes.length; i++) labels[i * k + classes[i]!] = 1;
  return labels;
}

function buildGenerated(spec: GeneratedDatasetSpec): Dataset {
  const info = generatorInfo[spec.generator];
  const noise = spec.noise ?? info.defaultNoise;
  const raw = generate(spec.generator, spec.size, noise, createRng(hashSeed(spec.seed, 'generate', spec.generator)), spec.classes);
  const widths = datasetWidths(spec);
  const labels = new Float64Array(spec.size * widths.labels);
  for (let i = 0; i < spec.size; i++) {
    if (raw.targets) labels[i] = raw.targets[i]!;
    else if (widths.labels === 1) labels[i] = raw.classes![i]!; // binary: class 1 ↦ 1
    else labels[i * widths.labels + raw.classes![i]!] = 1;
  }
  const labelNames = info.task === 'classification' && widths.labels === 1 ? ['class 1'] : raw.labelNames;
  return split({
    task: info.task, featureCount: raw.featureCount, labelCount: widths.labels,
    classCount: info.task === 'classification' ? raw.classCount : 0,
    featureNames: raw.featureNames, labelNames,
  }, raw.features, labels, spec.size, spec.seed, spec.testFraction);
}

function buildEmbedded(spec: EmbeddedDatasetSpec): Dataset {
  const n = spec.features.shape[0]!;
  const labelCount = spec.labelNames.length;
  const classCount = spec.task === 'classification' ? Math.max(2, labelCount) : 0;
  return split({
    task: spec.task, featureCount: spec.featureNames.length, labelCount, classCount,
    featureNames: spec.featureNames, labelNames: spec.labelNames,
  }, Float64Array.from(spec.features.data), Float64Array.from(spec.labels.data), n, spec.seed, spec.testFraction);
}

/** A seeded permutation; the first round(n · testFraction) samples become the test set (at least one stays for training). */
function split(meta: Omit<Dataset, 'train' | 'test'>, features: Float64Array, labels: Float64Array, n: number, seed: number, testFraction: number): Dataset {
  const order = permutation(n, createRng(hashSeed(seed, 'split')));
  const testSize = Math.min(Math.round(n * testFraction), n - 1);
  const take = (from: number, to: number): DataSplit => {
    const rows = order.subarray(from, to);
    return { size: rows.length, features: gatherRows(features, meta.featureCount, rows), labels: gatherRows(labels, meta.labelCount, rows) };
  };
  return { ...meta, test: take(0, testSize), train: take(testSize, n) };
}

/** Fisher–Yates over 0…n−1. */
export function permutation(n: number, rng: () => number, into: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) into[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = into[i]!;
    into[i] = into[j]!;
    into[j] = t;
  }
  return into;
}

/** rows[r] of a [*, width] matrix, stacked, into `out` (allocated when not given). */
export function gatherRows(data: Float64Array, width: number, rows: ArrayLike<number>, out: Float64Array = new Float64Array(rows.length * width)): Float64Array {
  for (let r = 0; r < rows.length; r++) {
    const s = rows[r]! * width;
    out.set(data.subarray(s, s + width), r * width);
  }
  return out;
}
