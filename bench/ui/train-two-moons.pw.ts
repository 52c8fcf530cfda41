// npm run bench:train-ui — training speed in the browser (two moons) and the main thread's longest
// task meanwhile. A benchmark, not a test: the figures are printed, only "training progressed" is checked.
import { expect, test } from '@playwright/test';
import { waitForRun } from '../../test/e2e/helpers.ts';

test('two moons: steps per second in the worker and the longest main-thread task', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __longtasks: { at: number; ms: number }[] };
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
  // Measure from here: opening the example (canvas layout, first run) is the editor's cost, not training's.
  await page.waitForTimeout(500);
  const t0 = await page.evaluate(() => { (globalThis as unknown as { __longtasks: { at: number; ms: number }[] }).__longtasks.length = 0; return performance.now(); });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Training…');
  await page.waitForTimeout(5_000);
  const rate = page.getByTestId('metric-steps-per-second');
  const wall = Number(await rate.getAttribute('data-value'));
  const busy = Number(await rate.getAttribute('data-busy-rate'));
  const step = Number(await page.getByTestId('training-progress').getAttribute('data-step'));
  const tasks = await page.evaluate(() => (globalThis as unknown as { __longtasks: { at: number; ms: number }[] }).__longtasks);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Stopped at epoch');
  const longest = Math.max(0, ...tasks.map((t) => t.ms));
  console.log(`two-moons: ${wall.toFixed(0)} steps/s wall clock, ${busy.toFixed(0)} steps/s while stepping, ${step} steps in ~5 s; ${tasks.length} long tasks, longest ${longest} ms`,
    JSON.stringify(tasks.map((t) => ({ ...t, at: Math.round(t.at - t0) }))));
  expect(step).toBeGreaterThan(100);
  expect(wall).toBeGreaterThan(0);
});
