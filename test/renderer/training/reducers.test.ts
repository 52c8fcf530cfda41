// The UI's state transitions for worker replies, and the chart columns built from the series.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS, type TrainingProgress } from '../../../engine/index.ts';
import { initialAnalysis, reduceAnalysis, type AnalysisSnapshot } from '../../../renderer/analysis/analysis-store.ts';
import { gradNormChartData, lossChartData } from '../../../renderer/training/chart-data.ts';
import type { JacobianReport } from '../../../renderer/training/protocol.ts';
import { SeriesBuffer } from '../../../renderer/training/series.ts';
import { initialTraining, progressText, reduceTraining } from '../../../renderer/training/training-store.ts';

const progress = (over: Partial<TrainingProgress> = {}): TrainingProgress => ({
  state: 'running', epoch: 12, epochs: 100, step: 120, stepsPerEpoch: 10, totalSteps: 1000, batchLoss: 0.5,
  metrics: null, stepsPerSecond: 1000, failure: null, rates: { learningRate: 0.1, weightDecay: 0, l1: 0 }, ...over,
});
const cols = (steps: number[], layers = 2) => ({ step: steps, loss: steps.map((s) => 1 / s), gradNorms: Array.from({ length: layers }, (_, l) => steps.map((s) => (l + 1) * s)) });

describe('reduceTraining', () => {
  it('goes started → running → paused → stopped and collects the step records', () => {
    let s = initialTraining();
    s = reduceTraining(s, { type: 'started', layers: ['a', 'b'], progress: progress({ state: 'ready', step: 0 }), boundary: null, accuracy: true }, 0);
    expect(s.status).toBe('running');
    expect(s.accuracy).toBe(true);
    s = reduceTraining(s, { type: 'progress', progress: progress({ step: 3 }), steps: cols([1, 2, 3]), epochs: [] }, 100);
    s = reduceTraining(s, { type: 'progress', progress: progress({ step: 503 }), steps: cols([4]), epochs: [] }, 1100);
    expect(s.series.step).toEqual([1, 2, 3, 4]);
    expect(s.series.gradNorms[1]).toEqual([2, 4, 6, 8]);
    expect(s.wallRate).toBeCloseTo(500, 9); // 500 steps in the second between the two messages
    s = reduceTraining(s, { type: 'progress', progress: progress({ state: 'paused' }), steps: cols([]), epochs: [] }, 1200);
    expect(s.status).toBe('paused');
    s = reduceTraining(s, { type: 'finished', progress: progress({ state: 'stopped' }), params: {}, settings: DEFAULT_TRAINING_SETTINGS }, 1300);
    expect(s.status).toBe('stopped');
    expect(progressText(s.status, s.progress)).toBe('Stopped at epoch 12/100');
  });

  it('keeps the failure message and node of a non-finite run', () => {
    const failure = { phase: 'forward' as const, nodeId: 'h1', kind: 'tanh', epoch: 3, step: 21, message: 'non-finite output at node "h1"' };
    const s = reduceTraining(initialTraining(), { type: 'finished', progress: progress({ state: 'failed', failure }), params: {}, settings: DEFAULT_TRAINING_SETTINGS }, 0);
    expect(s.status).toBe('failed');
    expect(s.error).toEqual({ message: failure.message, nodeId: 'h1' });
  });

  it('says "Training… epoch 12/100" while running', () => {
    expect(progressText('running', progress())).toBe('Training… epoch 12/100');
  });
});

describe('SeriesBuffer', () => {
  it('thins to every other record past its bound and keeps step 1', () => {
    const s = new SeriesBuffer(1, 10);
    s.push(cols(Array.from({ length: 25 }, (_, i) => i + 1), 1), []);
    expect(s.step.length).toBeLessThanOrEqual(10);
    expect(s.step[0]).toBe(1);
    expect(s.step.slice(1).every((x) => x % s.stride === 0)).toBe(true);
    expect(s.gradNorms[0]).toEqual(s.step.map((x) => x)); // columns stay aligned with the steps
    expect(s.loss).toEqual(s.step.map((x) => 1 / x));
  });
});

describe('SeriesBuffer epochs', () => {
  const epoch = (n: number) => ({ epoch: n, step: n, trainLoss: 1 / n, testLoss: null, trainAccuracy: null, testAccuracy: null });
  it('keeps a bounded number of epoch records however long the run, with the first and the latest', () => {
    const s = new SeriesBuffer(0, 100, 50);
    for (let start = 1; start <= 100_000; start += 1000) s.push(cols([]), Array.from({ length: 1000 }, (_, i) => epoch(start + i)));
    expect(s.epochs.length).toBeLessThanOrEqual(51);
    expect(s.epochs[0]!.epoch).toBe(1);
    expect(s.epochs[s.epochs.length - 1]!.epoch).toBe(100_000);
    const inner = s.epochs.slice(1, -1).map((e) => e.epoch);
    expect(inner.every((n) => n % s.epochStride === 0)).toBe(true);
    expect(inner).toEqual([...inner].sort((a, b) => a - b));
  });

  it('drops an off-stride latest record when the next one comes', () => {
    const s = new SeriesBuffer(0, 100, 4);
    s.push(cols([]), [1, 2, 3, 4, 5].map(epoch)); // past 4: stride 2, keeps 1, 2, 4 and the latest 5
    expect(s.epochs.map((e) => e.epoch)).toEqual([1, 2, 4, 5]);
    s.push(cols([]), [epoch(6)]);
    expect(s.epochs.map((e) => e.epoch)).toEqual([1, 2, 4, 6]);
  });
});

describe('chart data', () => {
  it('aligns epoch metrics with the step records and leaves gaps a log axis cannot show', () => {
    const s = new SeriesBuffer(2);
    s.push({ step: [1, 2, 3, 4], loss: [0.4, 0, 0.2, 0.1], gradNorms: [[1, 0, 2, Infinity], [3, 3, 3, 3]] }, [
      { epoch: 1, step: 2, trainLoss: 0.3, testLoss: 0.35, trainAccuracy: 0.5, testAccuracy: null },
      { epoch: 2, step: 4, trainLoss: 0.1, testLoss: null, trainAccuracy: 0.75, testAccuracy: 1 },
    ]);
    const [x, batch, train, test, acc, testAcc] = lossChartData(s);
    expect(x).toEqual([1, 2, 3, 4]);
    expect(batch).toEqual([0.4, null, 0.2, 0.1]);
    expect(train).toEqual([null, 0.3, null, 0.1]);
    expect(test).toEqual([null, 0.35, null, null]);
    expect(acc).toEqual([null, 0.5, null, 0.75]);
    expect(testAcc).toEqual([null, null, null, 1]);
    expect(gradNormChartData(s)).toEqual([[1, 2, 3, 4], [1, null, 2, null], [3, 3, 3, 3]]);
    expect(lossChartData(s)[6]).toEqual([null, null, null, null]); // no regularisation: no penalty points
  });

  it('draws the penalty of each step as its own series (issue 13.8)', () => {
    const s = new SeriesBuffer(0);
    s.push({ step: [1, 2, 3], loss: [0.4, 0.3, 0.2], penalty: [0.05, 0.04, 0.03], gradNorms: [] }, []);
    const [, batch, , , , , penalty] = lossChartData(s);
    expect(batch).toEqual([0.4, 0.3, 0.2]);
    expect(penalty).toEqual([0.05, 0.04, 0.03]);
  });

  it('samples at most maxPoints step records but keeps the last and every epoch point', () => {
    const s = new SeriesBuffer(0);
    s.push(cols(Array.from({ length: 1000 }, (_, i) => i + 1), 0), [{ epoch: 1, step: 501, trainLoss: 1, testLoss: null, trainAccuracy: null, testAccuracy: null }]);
    const [x, , train] = lossChartData(s, 100);
    expect(x.length).toBeLessThanOrEqual(102);
    expect(x.at(-1)).toBe(1000);
    expect(train[x.indexOf(501)]).toBe(1);
  });
});

describe('reduceAnalysis', () => {
  const report = { nodeId: 'n', kind: 'linear', batch: 1, sample: 0, inputs: [], params: [] } satisfies JacobianReport;
  it('drops a reply to a superseded request and takes the latest', () => {
    let s: AnalysisSnapshot = { ...initialAnalysis(), jacobian: { id: 2, pending: true, report: null, error: null } };
    s = reduceAnalysis(s, { type: 'jacobian-result', id: 1, report });
    expect(s.jacobian.report).toBeNull();
    s = reduceAnalysis(s, { type: 'jacobian-result', id: 2, report });
    expect(s.jacobian).toEqual({ id: 2, pending: false, report, error: null });
    s = reduceAnalysis(s, { type: 'analysis-error', id: 2, request: 'jacobian', message: 'bad' });
    expect(s.jacobian.error).toBe('bad');
  });
});
