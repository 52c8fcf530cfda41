// Generated datasets: deterministic from the seed, balanced, split as asked, shaped as bindings expect.
import { describe, expect, it } from 'vitest';
import { buildDataset, datasetWidths, generators, type GeneratedDatasetSpec } from '../../engine/index.ts';

const spec = (generator: GeneratedDatasetSpec['generator'], more: Partial<GeneratedDatasetSpec> = {}): GeneratedDatasetSpec =>
  ({ source: 'generated', generator, seed: 1, size: 100, testFraction: 0.2, labels: 'onehot', ...more });

describe('generated datasets', () => {
  it.each(generators)('%s is the same for the same seed and differs for another', (name) => {
    const a = buildDataset(spec(name)), b = buildDataset(spec(name)), c = buildDataset(spec(name, { seed: 2 }));
    expect(b.train.features).toEqual(a.train.features);
    expect(b.test.labels).toEqual(a.test.labels);
    expect(c.train.features).not.toEqual(a.train.features);
  });

  it.each(generators)('%s splits 80/20 with the widths datasetWidths promises, all numbers finite', (name) => {
    const d = buildDataset(spec(name));
    const w = datasetWidths(spec(name));
    expect([d.train.size, d.test.size]).toEqual([80, 20]);
    expect([d.featureCount, d.labelCount]).toEqual([w.features, w.labels]);
    expect(d.train.features).toHaveLength(80 * w.features);
    expect(d.test.labels).toHaveLength(20 * w.labels);
    expect([...d.train.features, ...d.train.labels].every(Number.isFinite)).toBe(true);
  });

  it('classifiers get one-hot labels with balanced classes', () => {
    const d = buildDataset(spec('blobs', { classes: 4, size: 200, testFraction: 0 }));
    expect(d.labelCount).toBe(4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < d.train.size; i++) {
      const row = Array.from(d.train.labels.subarray(i * 4, i * 4 + 4));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      counts[row.indexOf(1)]!++;
    }
    expect(counts).toEqual([50, 50, 50, 50]);
  });

  it('noiseless XOR of four samples is the truth table', () => {
    const d = buildDataset(spec('xor', { size: 4, noise: 0, testFraction: 0, labels: 'binary' }));
    const rows = [0, 1, 2, 3].map((i) => [d.train.features[2 * i], d.train.features[2 * i + 1], d.train.labels[i]]);
    expect(rows.sort()).toEqual([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]]);
  });

  it('sine targets are sin(x) plus noise of the asked size', () => {
    const d = buildDataset(spec('sine', { size: 2000, noise: 0.1, testFraction: 0 }));
    let sq = 0;
    for (let i = 0; i < d.train.size; i++) sq += (d.train.labels[i]! - Math.sin(d.train.features[i]!)) ** 2;
    expect(Math.sqrt(sq / d.train.size)).toBeCloseTo(0.1, 1);
  });

  it('noise widens the moons', () => {
    const spread = (noise: number): number => {
      const d = buildDataset(spec('moons', { noise, size: 500, testFraction: 0 }));
      return Math.max(...d.train.features) - Math.min(...d.train.features);
    };
    expect(spread(0.5)).toBeGreaterThan(spread(0));
  });
});
