// What the Classes tab shows of a classifier with more than two classes, computed in the training
// worker from the engine's confusion matrix: counts[actual][predicted] and the first mistakes, with
// their pixels when the dataset is made of images (digits).
import { bundledInfo, graphDatasets, type Graph, type Trainer } from '../../engine/index.ts';

/** At most this many misclassified samples travel to the UI. */
export const SHOWN_MISTAKES = 24;

export interface ClassesReport {
  readonly split: 'train' | 'test';
  readonly step: number;
  readonly labelNames: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly mistakes: number;
  readonly image: { readonly rows: number; readonly cols: number } | null;
  readonly shown: readonly { readonly sample: number; readonly actual: number; readonly predicted: number; readonly pixels: number[] | null }[];
}

/** Whether the tab has something to show for this run: a dataset with more than two classes. */
export function hasClasses(trainer: Trainer): boolean {
  return (trainer.feed.dataset?.classCount ?? 0) > 2;
}

export function classesReport(trainer: Trainer, graph: Graph): ClassesReport | null {
  const dataset = trainer.feed.dataset;
  if (!dataset || !hasClasses(trainer)) return null;
  const m = trainer.confusion(trainer.feed.testSize > 0 ? 'test' : 'train');
  if (!m) return null;
  const spec = trainer.feed.datasetName !== null ? graphDatasets(graph)[trainer.feed.datasetName] : undefined;
  const image = spec?.source === 'bundled' ? bundledInfo[spec.name].image ?? null : null;
  const split = m.split === 'test' ? dataset.test : dataset.train;
  const width = dataset.featureCount;
  return {
    split: m.split, step: trainer.progress().step, labelNames: dataset.labelNames, counts: m.counts, mistakes: m.misclassified.length, image,
    shown: m.misclassified.slice(0, SHOWN_MISTAKES).map((x) => ({
      ...x, pixels: image ? Array.from(split.features.subarray(x.sample * width, (x.sample + 1) * width)) : null,
    })),
  };
}
