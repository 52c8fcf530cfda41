// Toy datasets drawn from a seed. Each generator returns samples in class order (sample i has class
// i mod k), so classes stay balanced; the split in dataset.ts shuffles them.
import { gaussian } from '../init.ts';
import type { GeneratorName } from '../format/schema.ts';

export interface RawSamples {
  /** [size, features], row-major. */
  readonly features: Float64Array;
  readonly featureCount: number;
  /** Classifiers: the class index of every sample. Regression: the target values [size, 1]. */
  readonly classes: Int32Array | null;
  readonly targets: Float64Array | null;
  readonly classCount: number;
  readonly featureNames: readonly string[];
  readonly labelNames: readonly string[];
}

export interface GeneratorInfo {
  readonly task: 'classification' | 'regression';
  readonly featureCount: number;
  /** Classes of a classifier (blobs: the configured count); 1 for regression. */
  classCount(classes: number | undefined): number;
  /** Noise standard deviation when the spec gives none. */
  readonly defaultNoise: number;
  readonly description: string;
}

export const generatorInfo: Record<GeneratorName, GeneratorInfo> = {
  xor: { task: 'classification', featureCount: 2, classCount: () => 2, defaultNoise: 0, description: 'the four corners of the unit square, label x₁ XOR x₂, with Gaussian jitter' },
  moons: { task: 'classification', featureCount: 2, classCount: () => 2, defaultNoise: 0.1, description: 'two interleaving half circles' },
  circles: { task: 'classification', featureCount: 2, classCount: () => 2, defaultNoise: 0.05, description: 'a circle of radius 0.5 inside one of radius 1' },
  spiral: { task: 'classification', featureCount: 2, classCount: () => 2, defaultNoise: 0.05, description: 'two spiral arms wound 1.5 turns around each other' },
  blobs: { task: 'classification', featureCount: 2, classCount: (k) => k ?? 3, defaultNoise: 0.5, description: 'k Gaussian clusters with centres on a circle of radius 2' },
  sine: { task: 'regression', featureCount: 1, classCount: () => 1, defaultNoise: 0.1, description: 'y = sin(x) for x uniform in [−π, π], regression' },
};

const XY = ['x1', 'x2'] as const;

export function generate(name: GeneratorName, size: number, noise: number, rng: () => number, classes?: number): RawSamples {
  const info = generatorInfo[name];
  const k = info.classCount(classes);
  const F = info.featureCount;
  const features = new Float64Array(size * F);
  if (name === 'sine') {
    const targets = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const x = (2 * rng() - 1) * Math.PI;
      features[i] = x;
      targets[i] = Math.sin(x) + noise * gaussian(rng);
    }
    return { features, featureCount: 1, classes: null, targets, classCount: 1, featureNames: ['x'], labelNames: ['y'] };
  }
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const c = i % k;
    labels[i] = c;
    const [x, y] = point(name, i, c, k, rng);
    features[2 * i] = x + noise * gaussian(rng);
    features[2 * i + 1] = y + noise * gaussian(rng);
  }
  const labelNames = Array.from({ length: k }, (_, c) => `class ${c}`);
  return { features, featureCount: 2, classes: labels, targets: null, classCount: k, featureNames: XY, labelNames };
}

/** A noiseless point of class c. */
function point(name: Exclude<GeneratorName, 'sine'>, i: number, c: number, k: number, rng: () => number): [number, number] {
  switch (name) {
    case 'xor': {
      // Samples cycle through (0,0) (0,1) (1,1) (1,0): class a XOR b is i mod 2, and four samples are the classic table.
      const corners: [number, number][] = [[0, 0], [0, 1], [1, 1], [1, 0]];
      return corners[i % 4]!;
    }
    case 'moons': {
      const t = Math.PI * rng();
      return c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    }
    case 'circles': {
      const t = 2 * Math.PI * rng(), r = c === 0 ? 1 : 0.5;
      return [r * Math.cos(t), r * Math.sin(t)];
    }
    case 'spiral': {
      // Radius grows with the angle; the second arm is the first turned by π.
      const r = 0.1 + 0.9 * rng(), t = 3 * Math.PI * r + c * Math.PI;
      return [r * Math.sin(t), r * Math.cos(t)];
    }
    case 'blobs': {
      const t = (2 * Math.PI * c) / k;
      return [2 * Math.cos(t), 2 * Math.sin(t)];
    }
  }
}
