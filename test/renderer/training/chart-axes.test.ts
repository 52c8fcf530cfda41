// Issue 10.6: the dock's charts and pictures read at 1400×900: the loss chart in epochs without an
// accuracy axis on a regression, tick labels that never overprint, round ticks on the boundary's axes.
import { describe, expect, it } from 'vitest';
import { keepApart } from '../../../renderer/training/chart-axes.ts';
import { inEpochs, lossChartView } from '../../../renderer/training/chart-data.ts';
import { SeriesBuffer } from '../../../renderer/training/series.ts';
import { niceTicks } from '../../../renderer/training/ticks.ts';

describe('keepApart', () => {
  it('keeps labels in order along the axis and drops each one that would touch the last kept one', () => {
    const spans = [{ start: 0, end: 10 }, { start: 8, end: 18 }, { start: 15, end: 25 }, null, { start: 30, end: 40 }];
    expect(keepApart(spans, 4)).toEqual([true, false, true, false, true]);
  });
  it('goes by position, not by the order given (a y axis lists its ticks from the bottom up)', () => {
    expect(keepApart([{ start: 90, end: 101 }, { start: 80, end: 91 }, { start: 60, end: 71 }], 4)).toEqual([false, true, true]);
  });
});

describe('the loss chart', () => {
  const buffer = (): SeriesBuffer => {
    const s = new SeriesBuffer(0);
    s.push({ step: [1, 2, 3, 4], loss: [0.4, 0.3, 0.2, 0.1], gradNorms: [] }, [
      { epoch: 1, step: 2, trainLoss: 0.3, testLoss: 0.35, trainAccuracy: 0.5, testAccuracy: 0.5 },
      { epoch: 2, step: 4, trainLoss: 0.1, testLoss: 0.2, trainAccuracy: 0.75, testAccuracy: 1 },
    ]);
    return s;
  };
  it('runs along epochs: step 3 of 2 per epoch is epoch 1.5', () => {
    expect(inEpochs([1, 2, 3, 4], 2)).toEqual([0.5, 1, 1.5, 2]);
    expect(lossChartView(buffer(), { stepsPerEpoch: 2, accuracy: true }).data[0]).toEqual([0.5, 1, 1.5, 2]);
  });
  it('has accuracy series for a classifier and none for a regression', () => {
    const cls = lossChartView(buffer(), { stepsPerEpoch: 2, accuracy: true });
    expect(cls.series).toEqual(['batch loss', 'train loss', 'test loss', 'train acc', 'test acc', 'penalty']);
    expect(cls.data[4]).toEqual([null, 0.5, null, 0.75]);
    const reg = lossChartView(buffer(), { stepsPerEpoch: 2, accuracy: false });
    expect(reg.series).toEqual(['batch loss', 'train loss', 'test loss', 'penalty']);
    expect(reg.data).toHaveLength(5);
    expect(reg.data[2]).toEqual([null, 0.3, null, 0.1]);
  });
});

describe('niceTicks', () => {
  it('gives round values 1, 2 or 5 × 10ⁿ apart inside the range', () => {
    expect(niceTicks(-1.3, 2.4, 5)).toEqual([-1, 0, 1, 2]);
    expect(niceTicks(-0.74, 1.26, 5)).toEqual([-0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3, 5)).toEqual([]);
  });
});
