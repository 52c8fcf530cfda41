// The bundled real datasets hold exactly scikit-learn's numbers (Debian's python3-sklearn files), split
// as any dataset is, and the two examples built on them train to the accuracy with their settings.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { buildDataset, bundledInfo, createTrainer, datasetWidths, readDocument } from '../../engine/index.ts';
// @ts-expect-error -- a plain .mjs script without types; its readers are what it converts
import { readDigits, readIris, SKLEARN_DATA } from '../../scripts/make-bundled-datasets.mjs';
import { trainCommand } from '../../cli/commands/train.ts';
import { exampleText, loadExample } from './support.ts';

const SKLEARN_INSTALL = 'sudo apt-get install python3-sklearn';

function requireSklearn(ctx: Pick<TestContext, 'skip'>): string {
  if (existsSync(join(SKLEARN_DATA, 'digits.csv.gz'))) return SKLEARN_DATA;
  const why = `scikit-learn's data files are not in ${SKLEARN_DATA}; install them with: ${SKLEARN_INSTALL}`;
  if (process.env.CI) throw new Error(`${why} (CI is set, so a missing source is a failure)`);
  return ctx.skip(why);
}

describe('bundled datasets', () => {
  it('digits: 1,797 images of 8×8 pixels, each equal to scikit-learn\'s (pixels 0…16 scaled to 0…1), 10 classes', (ctx) => {
    const source = readDigits(requireSklearn(ctx)) as { pixels: number[]; label: number }[];
    const all = buildDataset({ source: 'bundled', name: 'digits', seed: 1, testFraction: 0 });
    expect(all.train.size + all.test.size).toBe(1797);
    expect(bundledInfo.digits.size).toBe(source.length);
    // The split shuffles; compare as multisets of (pixels, label) rows.
    const key = (pixels: ArrayLike<number>, label: number) => `${Array.from(pixels).join(',')}|${label}`;
    const expected = source.map((s) => key(s.pixels.map((p) => p / 16), s.label)).sort();
    const got: string[] = [];
    for (const split of [all.train, all.test]) {
      for (let i = 0; i < split.size; i++) {
        const label = split.labels.subarray(i * 10, i * 10 + 10).indexOf(1);
        got.push(key(split.features.subarray(i * 64, i * 64 + 64), label));
      }
    }
    expect(got.sort()).toEqual(expected);
    expect(all.labelNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('iris: 150 flowers in centimetres, equal to scikit-learn\'s, three named species', (ctx) => {
    const source = readIris(requireSklearn(ctx)) as { classNames: string[]; rows: { features: number[]; label: number }[] };
    const d = buildDataset({ source: 'bundled', name: 'iris', seed: 1, testFraction: 0.2 });
    expect(d.train.size + d.test.size).toBe(150);
    expect(d.test.size).toBe(30);
    expect(d.labelNames).toEqual(source.classNames);
    const key = (f: ArrayLike<number>, label: number) => `${Array.from(f).join(',')}|${label}`;
    const expected = source.rows.map((r) => key(r.features, r.label)).sort();
    const got: string[] = [];
    for (const split of [d.train, d.test]) {
      for (let i = 0; i < split.size; i++) got.push(key(split.features.subarray(i * 4, i * 4 + 4), split.labels.subarray(i * 3, i * 3 + 3).indexOf(1)));
    }
    expect(got.sort()).toEqual(expected);
  });

  it('a file names a bundled dataset by name; an unknown name is refused naming the field', () => {
    expect(datasetWidths({ source: 'bundled', name: 'digits', seed: 1, testFraction: 0.2 })).toEqual({ features: 64, labels: 10, task: 'classification' });
    const text = exampleText('iris-mlp.bpgraph').replace('"name": "iris"', '"name": "mnist"');
    expect(() => readDocument(text)).toThrow(/datasets\.data\.name/);
  });
});

describe('examples on real data', () => {
  it('digits (64-32-10 ReLU, softmax CE) reaches at least 95 % test accuracy with its saved settings', () => {
    const trainer = createTrainer(loadExample('digits-mlp.bpgraph'));
    const { progress } = trainer.runFor(Infinity);
    expect(progress.state).toBe('done');
    expect(progress.metrics!.testAccuracy).toBeGreaterThanOrEqual(0.95);
    const m = trainer.confusion('test')!;
    const counts = m.counts.flat();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(trainer.feed.testSize);
    // The diagonal is what the accuracy counts; every off-diagonal count is a listed mistake.
    const diagonal = m.counts.reduce((s, row, i) => s + row[i]!, 0);
    expect(diagonal / trainer.feed.testSize).toBeCloseTo(progress.metrics!.testAccuracy!, 12);
    expect(m.misclassified).toHaveLength(trainer.feed.testSize - diagonal);
    for (const x of m.misclassified) expect(x.actual).not.toBe(x.predicted);
  });

  it('iris (4-16-3 tanh) reaches at least 93 % test accuracy', () => {
    const { progress } = createTrainer(loadExample('iris-mlp.bpgraph')).runFor(Infinity);
    expect(progress.metrics!.testAccuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('`train` prints the confusion matrix and draws the misclassified digits; --json carries the matrix', async () => {
    const out: string[] = [];
    const io = { stdout: (s: string) => { out.push(s); }, stderr: () => {}, isTTY: false, readFile: () => exampleText('digits-mlp.bpgraph'), writeFile: () => {} };
    expect(await trainCommand(['digits.bpgraph'], io)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/confusion matrix \(test set, 359 samples; rows: actual, columns: predicted\)/);
    const mistakes = Number(/(\d+) misclassified in the test set/.exec(text)![1]);
    expect(mistakes).toBeGreaterThan(0);
    expect(text).toMatch(/\d→\d/);
    out.length = 0;
    expect(await trainCommand(['digits.bpgraph', '--json'], io)).toBe(0);
    const summary = JSON.parse(out.join('')) as { confusion: { split: string; counts: number[][]; misclassified: unknown[] }; testAccuracy: number };
    expect(summary.confusion.split).toBe('test');
    expect(summary.confusion.counts).toHaveLength(10);
    expect(summary.confusion.misclassified).toHaveLength(mistakes);
    expect(1 - mistakes / 359).toBeCloseTo(summary.testAccuracy, 12);
  });
});
