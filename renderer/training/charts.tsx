// The live charts (uPlot): loss and accuracy over steps, and each layer's gradient norm on a log axis.
// Redraws are throttled to CHART_FPS whatever the rate of progress messages. Axis, grid and series
// colours follow the app theme (the CSS variables of <html data-theme>), rebuilding the plot when it changes.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisLabelBoxes, axisStyle } from './chart-axes.ts';
import { gradNormChartData, inEpochs, lossChartView, type LossSeries } from './chart-data.ts';
import type { SeriesBuffer } from './series.ts';
import { precisionMark, useTraining } from './training-store.ts';

export const CHART_FPS = 5;
/** A tick label of a log axis: 1e-3 rather than uPlot's rounding to 0. */
const logTick = (v: number): string => (v === 0 ? '0' : v >= 0.01 && v < 1000 ? String(+v.toPrecision(2)) : v.toExponential(0));

export interface ChartTheme { name: string; text: string; muted: string; border: string; series: readonly string[] }
// Series colours per theme: the light ones are too dark to read on the dark panel.
const LIGHT_SERIES = ['#3461d1', '#c0392b', '#2e7d32', '#8e44ad', '#e07b00', '#00838f', '#6d4c41', '#d81b60'];
const DARK_SERIES = ['#7aa2ff', '#ff7f6e', '#66bb6a', '#c38de0', '#ffb74d', '#4dd0e1', '#bcaaa4', '#f06292'];

function readTheme(): ChartTheme {
  const root = document.documentElement;
  const css = getComputedStyle(root);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const name = root.dataset.theme === 'dark' ? 'dark' : 'light';
  return { name, text: v('--text', '#1d2330'), muted: v('--muted', '#6b7385'), border: v('--border', '#d9dde5'), series: name === 'dark' ? DARK_SERIES : LIGHT_SERIES };
}

/** The chart colours, re-read whenever <html data-theme> changes (set in an effect, so watched, not derived). */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const mo = new MutationObserver(() => setTheme((t) => { const n = readTheme(); return n.name === t.name && n.text === t.text && n.border === t.border ? t : n; }));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'style', 'class'] });
    setTheme(readTheme()); // the theme may have changed between the first render and this effect
    return () => mo.disconnect();
  }, []);
  return theme;
}

/** An axis in the theme's colours, with labels that never overprint (`chart-axes.ts`). */
const axis = (t: ChartTheme, format: (v: number) => string, over: uPlot.Axis = {}): uPlot.Axis => ({
  stroke: t.muted, grid: { stroke: t.border, width: 1 }, ...axisStyle(format), ticks: { stroke: t.border, width: 1, size: 5 }, ...over,
});
const plain = (v: number): string => String(+v.toPrecision(4));
/** The x axis of both charts: epochs, labelled. */
const epochAxis = (t: ChartTheme): uPlot.Axis => axis(t, plain, { label: 'epoch', labelSize: 16, size: 24, space: 36 });
const alpha = (hex: string, a: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
};

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

/** Height of each chart's drawing (plot and axes; the legend comes below it), in CSS px. */
export const CHART_HEIGHT = 150;

function Chart({ testId, build, data, theme, height = CHART_HEIGHT, attrs }: { testId: string; build: (width: number) => uPlot.Options; data: uPlot.AlignedData; theme: ChartTheme; height?: number; /** data-* facts about the data, for tests and tools. */ attrs?: Readonly<Record<`data-${string}`, string>> }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [redraws, setRedraws] = useState(0);
  const opts = build(0);
  const key = `${theme.name}:${theme.text}:${theme.border}|${opts.series.map((s) => s.label).join('|')}`;
  // The plot is rebuilt only when its series change (`key`); it reads the newest options and data here.
  const latest = useRef({ build, data });
  latest.current = { build, data };
  useEffect(() => {
    const el = box.current!;
    const opts = latest.current.build(el.clientWidth || 300);
    // The labels as drawn, for tests and tools: each axis's name and its tick labels' boxes.
    const report = (u: uPlot) => { el.dataset.axes = JSON.stringify(axisLabelBoxes(u)); };
    const u = new uPlot({ ...opts, height, hooks: { ...opts.hooks, draw: [...(opts.hooks?.draw ?? []), report] } }, latest.current.data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: el.clientWidth || 300, height }));
    ro.observe(el);
    return () => { ro.disconnect(); u.destroy(); plot.current = null; };
  }, [key, height]);
  useEffect(() => {
    if (!plot.current) return;
    plot.current.setData(data);
    setRedraws((n) => n + 1);
  }, [data]);
  return <div ref={box} className="bps-chart" data-testid={testId} data-theme={theme.name} data-points={data[0].length} data-redraws={redraws} {...attrs} />;
}

const LOSS_STYLE: Record<LossSeries, (c: readonly string[]) => uPlot.Series> = {
  'batch loss': ([train]) => ({ stroke: alpha(train!, 0.35), width: 1 }),
  'train loss': ([train]) => ({ stroke: train, width: 2, spanGaps: true, points: { show: false } }),
  'test loss': ([, , , , test]) => ({ stroke: test, width: 2, spanGaps: true, points: { show: false } }),
  'train acc': ([, , acc]) => ({ stroke: acc, scale: 'acc', dash: [4, 3], spanGaps: true, points: { show: false } }),
  'test acc': ([, , , testAcc]) => ({ stroke: testAcc, scale: 'acc', dash: [4, 3], spanGaps: true, points: { show: false } }),
  // weight decay and L1: ½λ₂‖θ‖² + λ₁‖θ‖₁ of each step, next to the data loss (no points without regularisation)
  penalty: ([, , , , test]) => ({ stroke: alpha(test!, 0.8), width: 1, dash: [2, 2], spanGaps: true, points: { show: false } }),
};

export function LossChart() {
  const v = useThrottledVersion();
  const theme = useChartTheme();
  const series = useTraining((s) => s.series);
  const accuracy = useTraining((s) => s.accuracy);
  const stepsPerEpoch = useTraining((s) => s.progress?.stepsPerEpoch ?? 1);
  const [shown, setShown] = useState(() => lossChartView(series, { stepsPerEpoch, accuracy }));
  useEffect(() => setShown(lossChartView(series, { stepsPerEpoch, accuracy })), [v, series, stepsPerEpoch, accuracy]);
  const { series: names, data } = shown;
  const withAcc = names.includes('train acc');
  const changes = useTraining((s) => s.rateChanges.length);
  const mark = useTraining((s) => precisionMark(s.progress)); // batch losses of float32 steps; the epoch losses are exact
  const build = (width: number): uPlot.Options => ({
    width, height: CHART_HEIGHT, legend: { show: true, live: false },
    // A learning rate or regularisation changed during the run: a dashed line at that step (read at draw time).
    hooks: { draw: [(u) => drawRateChanges(u, inEpochs(useTraining.getState().rateChanges.map((c) => c.step), stepsPerEpoch), theme.muted)] },
    scales: { x: { time: false }, y: { distr: 3 }, ...(withAcc ? { acc: { range: [0, 1] } } : {}) },
    axes: [
      epochAxis(theme),
      axis(theme, logTick, { label: 'loss (log)', labelSize: 16, size: 40 }),
      ...(withAcc ? [axis(theme, plain, { side: 1, scale: 'acc', label: 'accuracy', labelSize: 16, size: 30, grid: { show: false } })] : []),
    ],
    series: [{ label: 'epoch' }, ...names.map((name) => ({ label: name === 'batch loss' ? `${name}${mark}` : name, ...LOSS_STYLE[name](theme.series) }))],
  });
  // the last penalty drawn (absent without regularisation)
  const at = names.indexOf('penalty');
  const penalty = at < 0 ? undefined : (data[at + 1] as (number | null)[]).findLast((p) => p !== null);
  const attrs = { 'data-accuracy': String(withAcc), 'data-rate-changes': String(changes), ...(penalty === undefined || penalty === null ? {} : { 'data-penalty': String(penalty) }) };
  return <Chart testId="loss-chart" build={build} data={data as uPlot.AlignedData} theme={theme} attrs={attrs} />;
}

/** Dashed vertical lines at the given x values (epochs). */
function drawRateChanges(u: uPlot, xs: readonly number[], colour: string): void {
  if (xs.length === 0) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.setLineDash([3, 3]);
  ctx.lineWidth = 1;
  for (const at of xs) {
    const x = u.valToPos(at, 'x', true);
    if (!(x >= left && x <= left + width)) continue;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

const gradNormColumns = (series: SeriesBuffer, stepsPerEpoch: number): uPlot.AlignedData => {
  const [x, ...cols] = gradNormChartData(series);
  return [inEpochs(x, stepsPerEpoch), ...cols] as uPlot.AlignedData;
};

export function GradNormChart() {
  const v = useThrottledVersion();
  const theme = useChartTheme();
  const series = useTraining((s) => s.series);
  const layers = useTraining((s) => s.layers);
  const stepsPerEpoch = useTraining((s) => s.progress?.stepsPerEpoch ?? 1);
  const [data, setData] = useState<uPlot.AlignedData>(() => gradNormColumns(series, stepsPerEpoch));
  useEffect(() => setData(gradNormColumns(series, stepsPerEpoch)), [v, series, stepsPerEpoch]);
  const build = (width: number): uPlot.Options => ({
    width, height: CHART_HEIGHT, legend: { show: true, live: false },
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [epochAxis(theme), axis(theme, logTick, { label: '‖∂L/∂θ‖ (log)', labelSize: 16, size: 40 })],
    series: [{ label: 'epoch' }, ...layers.map((l, i) => ({ label: l, stroke: theme.series[i % theme.series.length]!, width: 1.5 }))],
  });
  return <Chart testId="gradnorm-chart" build={build} data={data} theme={theme} />;
}

/** Until the first step records arrive there is nothing to plot: say what will appear instead of empty axes. */
export function TrainingCharts() {
  const hasCurves = useTraining((s) => s.series.step.length > 0);
  const status = useTraining((s) => s.status);
  if (!hasCurves) {
    const waiting = status === 'starting' || status === 'running' || status === 'paused';
    return (
      <div className="bps-chart-placeholder" data-testid="chart-placeholder">
        {waiting ? 'Waiting for the first steps…' : 'Train to see the loss and gradient norms here.'}
      </div>
    );
  }
  return <><LossChart /><GradNormChart /></>;
}
