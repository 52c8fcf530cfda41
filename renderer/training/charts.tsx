// The live charts (uPlot): loss and accuracy over steps, and each layer's gradient norm on a log axis.
// Redraws are throttled to CHART_FPS whatever the rate of progress messages.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { gradNormChartData, lossChartData } from './chart-data.ts';
import { useTraining } from './training-store.ts';

export const CHART_FPS = 5;
/** Tick labels of a log axis: 1e-3 rather than uPlot's rounding to 0. */
const logTicks = (_u: uPlot, splits: (number | null)[]): string[] =>
  splits.map((v) => (v === null || !Number.isFinite(v) ? '' : v === 0 ? '0' : v >= 0.01 && v < 1000 ? String(+v.toPrecision(2)) : v.toExponential(0)));

const LAYER_COLOURS = ['#3461d1', '#c0392b', '#2e7d32', '#8e44ad', '#e07b00', '#00838f', '#6d4c41', '#d81b60'];

/** The store's version, but changing at most `fps` times a second (the last value always lands). */
export function useThrottledVersion(fps = CHART_FPS): number {
  const [shown, setShown] = useState(() => useTraining.getState().version);
  useEffect(() => {
    // Subscribed outside React so a progress message does not re-render the chart, only the timer does.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const unsubscribe = useTraining.subscribe((s, prev) => {
      if (s.version === prev.version || timer !== undefined) return;
      timer = setTimeout(() => { timer = undefined; last = performance.now(); setShown(useTraining.getState().version); }, Math.max(0, last + 1000 / fps - performance.now()));
    });
    return () => { unsubscribe(); clearTimeout(timer); };
  }, [fps]);
  return shown;
}

function Chart({ testId, build, data, height = 110 }: { testId: string; build: (width: number) => uPlot.Options; data: uPlot.AlignedData; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [redraws, setRedraws] = useState(0);
  const opts = build(0);
  const key = opts.series.map((s) => s.label).join('|');
  useEffect(() => {
    const el = box.current!;
    const u = new uPlot({ ...build(el.clientWidth || 300), height }, data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: el.clientWidth || 300, height }));
    ro.observe(el);
    return () => { ro.disconnect(); u.destroy(); plot.current = null; };
    // Rebuilt only when the series change; data updates go through setData below.
  }, [key, height]);
  useEffect(() => {
    if (!plot.current) return;
    plot.current.setData(data);
    setRedraws((n) => n + 1);
  }, [data]);
  return <div ref={box} className="bps-chart" data-testid={testId} data-points={data[0].length} data-redraws={redraws} />;
}

export function LossChart() {
  const v = useThrottledVersion();
  const series = useTraining((s) => s.series);
  const [data, setData] = useState<uPlot.AlignedData>(() => lossChartData(series) as uPlot.AlignedData);
  useEffect(() => setData(lossChartData(series) as uPlot.AlignedData), [v, series]);
  const build = (width: number): uPlot.Options => ({
    width, height: 110, legend: { show: true, live: false },
    scales: { x: { time: false }, y: { distr: 3 }, acc: { range: [0, 1] } },
    axes: [{}, { label: 'loss (log)', size: 50, values: logTicks }, { side: 1, scale: 'acc', label: 'accuracy', grid: { show: false } }],
    series: [
      { label: 'step' },
      { label: 'batch loss', stroke: 'rgba(52,97,209,0.35)', width: 1 },
      { label: 'train loss', stroke: '#3461d1', width: 2, spanGaps: true, points: { show: false } },
      { label: 'test loss', stroke: '#e07b00', width: 2, spanGaps: true, points: { show: false } },
      { label: 'train acc', stroke: '#2e7d32', scale: 'acc', dash: [4, 3], spanGaps: true, points: { show: false } },
      { label: 'test acc', stroke: '#8e44ad', scale: 'acc', dash: [4, 3], spanGaps: true, points: { show: false } },
    ],
  });
  return <Chart testId="loss-chart" build={build} data={data} />;
}

export function GradNormChart() {
  const v = useThrottledVersion();
  const series = useTraining((s) => s.series);
  const layers = useTraining((s) => s.layers);
  const [data, setData] = useState<uPlot.AlignedData>(() => gradNormChartData(series) as uPlot.AlignedData);
  useEffect(() => setData(gradNormChartData(series) as uPlot.AlignedData), [v, series]);
  const build = (width: number): uPlot.Options => ({
    width, height: 110, legend: { show: true, live: false },
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{}, { label: '‖∂L/∂θ‖ (log)', size: 60, values: logTicks }],
    series: [{ label: 'step' }, ...layers.map((l, i) => ({ label: l, stroke: LAYER_COLOURS[i % LAYER_COLOURS.length]!, width: 1.5 }))],
  });
  return <Chart testId="gradnorm-chart" build={build} data={data} />;
}
