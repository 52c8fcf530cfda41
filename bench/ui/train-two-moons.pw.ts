// npm run bench:train-ui — training speed in the browser (two moons) against the same training in Node,
// in one run (issue 14.7: within 15 %), and the main thread's longest task meanwhile. A benchmark, not a
// test: the figures are printed, only "training progressed" is checked.
//
// The two are measured in alternating windows (browser, Node, browser, …) so both see the same load on
// a shared machine: the browser is paused while Node trains, and Node waits while the browser does.
// Node trains what the worker trains: the same graph and settings, the trainer's same epoch-end
// evaluation budget and chunks; the worker's own extras (the boundary picture, progress messages,
// the parameters for the canvas) and the page's rendering are the browser's overhead being measured.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createTrainer, parseGraphFile, type Trainer } from '../../engine/index.ts';
import { CHUNK_MS, EVALUATION_BUDGET } from '../../renderer/training/worker-core.ts';
import { waitForRun } from '../../test/e2e/helpers.ts';

const WINDOW_MS = 2_000;
const WINDOWS = 5;

type LongTasks = { __longtasks: { at: number; ms: number }[] };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Steps per second in Node over one window, continuing the same run. */
function nodeWindow(trainer: Trainer): number {
  const s0 = trainer.progress().step, t0 = performance.now();
  while (performance.now() - t0 < WINDOW_MS) trainer.runFor(CHUNK_MS);
  return ((trainer.progress().step - s0) * 1000) / (performance.now() - t0);
}

/**
 * Steps per second the panel shows over one window: from one update of the progress bar's step to the
 * first update after WINDOW_MS, both timed as they land in the DOM, so the delivery lag cancels.
 */
function browserWindow(page: Page): Promise<number> {
  return page.evaluate(async (ms) => {
    const bar = document.querySelector('[data-testid="training-progress"]')!;
    const step = (): number => Number(bar.getAttribute('data-step'));
    const nextUpdate = (): Promise<{ step: number; at: number }> => new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve({ step: step(), at: performance.now() }); });
      observer.observe(bar, { attributes: true, attributeFilter: ['data-step'] });
    });
    const a = await nextUpdate();
    await new Promise((r) => setTimeout(r, ms));
    const b = await nextUpdate();
    return ((b.step - a.step) * 1000) / (b.at - a.at);
  }, WINDOW_MS);
}

test('two moons: steps per second in the browser and in Node, interleaved, and the longest main-thread task', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const w = globalThis as unknown as LongTasks;
    w.__longtasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push({ at: Math.round(e.startTime), ms: Math.round(e.duration) }); }).observe({ type: 'longtask' as never, buffered: true });
  });
  await page.goto('/');
  await waitForRun(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /moons/i }).click();
  await expect(page.getByTestId('node-fc3')).toBeVisible();
  await waitForRun(page);
  await page.getByLabel('Epochs').fill('1000000');
  const text = page.getByTestId('training-progress-text');
  const node = createTrainer(parseGraphFile(readFileSync('examples/two-moons-tanh.bpgraph', 'utf8')), {
    untilStopped: true, evaluationBudget: EVALUATION_BUDGET, now: () => performance.now(),
  });
  const loadBefore = loadavg()[0]!;

  // Opening the example (canvas layout, first run) is the editor's cost, not training's: measured from here.
  await page.evaluate(() => { (globalThis as unknown as LongTasks).__longtasks.length = 0; });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(text).toContainText('Training…');
  await browserWindow(page); // warm-up, as for Node below: the JIT, the first charts
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(text).toContainText('Paused at');
  nodeWindow(node);

  const browser: number[] = [], nodeRates: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(text).toContainText('Training…');
    browser.push(await browserWindow(page));
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(text).toContainText('Paused at');
    nodeRates.push(nodeWindow(node));
  }
  const tasks = await page.evaluate(() => (globalThis as unknown as LongTasks).__longtasks);
  const step = Number(await page.getByTestId('training-progress').getAttribute('data-step'));
  // Steps per ms spent stepping (evaluations included), over the whole run: below Node's, the worker
  // thread itself ran slower (CPU share, JIT); level with it, the time went between chunks.
  const stepping = { browser: Number(await page.getByTestId('metric-steps-per-second').getAttribute('data-busy-rate')), node: node.progress().stepsPerSecond };
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(text).toContainText('Stopped at epoch');

  const longest = Math.max(0, ...tasks.map((t) => t.ms));
  const b = median(browser), n = median(nodeRates);
  const pairs = browser.map((x, i) => x / nodeRates[i]!);
  console.log(`two-moons: browser ${browser.map(Math.round).join(' ')} steps/s, Node ${nodeRates.map(Math.round).join(' ')} steps/s in ${WINDOWS} alternating ${WINDOW_MS / 1000} s windows; ${tasks.length} long tasks, longest ${longest} ms`);
  console.log(JSON.stringify({
    bench: 'train-ui', workload: 'two-moons', browser_steps_per_s: Math.round(b), node_steps_per_s: Math.round(n),
    ratio: Number((b / n).toFixed(3)), pair_ratio_median: Number(median(pairs).toFixed(3)), pair_ratio_range: [Math.min(...pairs), Math.max(...pairs)].map((r) => Number(r.toFixed(3))),
    stepping_steps_per_s: { browser: Math.round(stepping.browser), node: Math.round(stepping.node) }, longest_task_ms: longest,
    long_tasks_ms_total: tasks.reduce((a, t) => a + t.ms, 0), load: [loadBefore, loadavg()[0]!].map((l) => l.toFixed(1)).join('→'),
  }));
  expect(step).toBeGreaterThan(100);
  expect(Math.min(...browser, ...nodeRates)).toBeGreaterThan(0);
});
