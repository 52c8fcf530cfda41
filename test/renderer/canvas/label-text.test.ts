// The labels' data-value/data-grad must be exactly JSON.stringify of the tensor, for tests and tools.
import { describe, expect, it } from 'vitest';
import { tensor } from '../../../engine/index.ts';
import { LabelPreparer, labelSummary, tensorJson } from '../../../renderer/canvas/label-text.ts';

const reference = (shape: number[], data: number[]): string => JSON.stringify({ shape, data: Array.from(new Float64Array(data)) });

describe('tensorJson', () => {
  it('matches JSON.stringify for finite numbers of every magnitude and sign', () => {
    const data = [0, -0, 1e-7, 5e-324, 1.5e21, -3.25, 1 / 3, 2 ** 53 + 2, -1e300];
    expect(tensorJson(tensor([3, 3], data))).toBe(reference([3, 3], data));
  });
  it('writes NaN and infinities as null, as JSON does', () => {
    const data = [Number.NaN, Infinity, -Infinity, 1];
    expect(tensorJson(tensor([4], data))).toBe(reference([4], data));
  });
});

describe('prepareLabels', () => {
  it('resolves false when the results are superseded', async () => {
    const t = tensor([1], [1]);
    const labels = new LabelPreparer();
    const unmount = labels.mount('e');
    try {
      await expect(labels.prepare({ e: { value: t, grad: t } }, () => false)).resolves.toBe(false);
      await expect(labels.prepare({ e: { value: t, grad: t } }, () => true)).resolves.toBe(true);
    } finally {
      unmount();
    }
  });
});

describe('labelSummary', () => {
  it('keeps one number at 4 significant digits and two entries at 3', () => {
    expect(labelSummary({ shape: [1, 1], data: [0.81757] })).toBe('0.8176');
    expect(labelSummary({ shape: [1, 2], data: [0.12345, -0.5] })).toBe('[0.123, -0.5]');
  });
  it('shows larger tensors as an unbreakable shape and the L2 norm', () => {
    const text = labelSummary({ shape: [4, 16], data: new Float64Array(64).fill(0.5) });
    expect(text).toBe('[4,\u00a016] ‖·‖=4');
    // The only breakable space separates shape and norm, so a narrow label wraps between them.
    expect(text.split(' ')).toHaveLength(2);
  });
});
