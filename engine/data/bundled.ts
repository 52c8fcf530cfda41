// Real datasets shipped with the app (scripts/make-bundled-datasets.mjs converts scikit-learn's copies).
// Features are scaled as the examples train on them: digit pixels 0…16 → 0…1, iris in centimetres.
import { DIGIT_LABELS, DIGIT_PIXELS } from './bundled/digits-data.ts';
import { IRIS_CLASSES, IRIS_LABELS, IRIS_TENTHS } from './bundled/iris-data.ts';
import type { BundledName } from '../format/schema.ts';
import type { RawSamples } from './generators.ts';

export interface BundledInfo {
  readonly size: number;
  readonly featureCount: number;
  readonly classCount: number;
  readonly description: string;
  /** Where the numbers come from and under which licence, as the app shows it. */
  readonly source: string;
  /** digits: each sample is an image of this many rows and columns (for drawing misclassified samples). */
  readonly image?: { readonly rows: number; readonly cols: number };
}

const UCI = 'licence CC BY 4.0, via scikit-learn';
export const bundledInfo: Record<BundledName, BundledInfo> = {
  digits: {
    size: DIGIT_LABELS.length, featureCount: 64, classCount: 10, image: { rows: 8, cols: 8 },
    description: 'handwritten digits 0–9, 8×8 pixels scaled to 0…1',
    source: `UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), ${UCI}`,
  },
  iris: {
    size: IRIS_LABELS.length, featureCount: 4, classCount: 3,
    description: 'three species of iris from four measurements in cm',
    source: `Fisher's Iris (1936), UCI Machine Learning Repository, ${UCI}`,
  },
};

export function loadBundled(name: BundledName): RawSamples {
  const info = bundledInfo[name];
  const features = new Float64Array(info.size * info.featureCount);
  const classes = new Int32Array(info.size);
  if (name === 'digits') {
    for (let i = 0; i < features.length; i++) features[i] = parseInt(DIGIT_PIXELS[i]!, 17) / 16;
    for (let i = 0; i < info.size; i++) classes[i] = Number(DIGIT_LABELS[i]);
    const featureNames = Array.from({ length: 64 }, (_, i) => `pixel ${Math.floor(i / 8)},${i % 8}`);
    return { features, featureCount: 64, classes, targets: null, classCount: 10, featureNames, labelNames: Array.from({ length: 10 }, (_, d) => String(d)) };
  }
  for (let i = 0; i < features.length; i++) features[i] = Number(IRIS_TENTHS.slice(2 * i, 2 * i + 2)) / 10;
  for (let i = 0; i < info.size; i++) classes[i] = Number(IRIS_LABELS[i]);
  const featureNames = ['sepal length', 'sepal width', 'petal length', 'petal width'];
  return { features, featureCount: 4, classes, targets: null, classCount: 3, featureNames, labelNames: [...IRIS_CLASSES] };
}
