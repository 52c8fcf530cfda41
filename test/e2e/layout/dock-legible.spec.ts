// Issue 10.6: the training dock's charts and panels read at 1400×900, measured in the real browser:
// charts tall enough, tick labels that never overprint, an epoch axis, no accuracy on a regression,
// the decision boundary with axes and a colour legend, wide tables that scroll inside the inspector,
// Hessian labels that do not run together and a heatmap that stays inside the dock.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { clickAt, openExample, restPointer, waitForRun } from '../helpers.ts';

test.use({ viewport: { width: 1400, height: 900 } });

interface Box { x: number; y: number; width: number; height: number }
interface AxisReport { side: number; label: string; boxes: (Box & { text: string })[] }

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every pair of boxes that overlaps, named by their texts. */
function overlapping(boxes: readonly (Box & { text: string })[]): string[] {
  const out: string[] = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => { if (overlap(a, b)) out.push(`${a.text} × ${b.text}`); }));
  return out;
}

async function boxesOf(list: Locator): Promise<(Box & { text: string })[]> {
  return list.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent ?? '' }; }));
}

async function axesOf(chart: Locator): Promise<AxisReport[]> {
  await expect(chart).toHaveAttribute('data-axes', /epoch/);
  return JSON.parse((await chart.getAttribute('data-axes'))!) as AxisReport[];
}

async function trainExample(page: Page, name: RegExp): Promise<void> {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, name);
  await waitForRun(page);
  await clickAt(page, page.getByRole('button', { name: 'Train', exact: true }));
  await expect(page.getByTestId('training-progress-text')).toContainText('Done', { timeout: 100_000 });
  await restPointer(page);
}

async function expectReadableCharts(page: Page): Promise<AxisReport[]> {
  const reports: AxisReport[] = [];
  for (const id of ['loss-chart', 'gradnorm-chart']) {
    const chart = page.getByTestId(id);
    const plot = (await chart.locator('canvas').first().boundingBox())!;
    expect(plot.height, `${id} is drawn taller than the old 110 px strip`).toBeGreaterThanOrEqual(140);
    const axes = await axesOf(chart);
    expect(axes.find((a) => a.side === 2)?.label, `${id} names its x axis`).toBe('epoch');
    expect(axes.find((a) => a.side === 2)!.boxes.length).toBeGreaterThanOrEqual(2);
    const all = axes.flatMap((a) => a.boxes);
    expect(all.length).toBeGreaterThan(3);
    expect(overlapping(all), `${id}: tick labels drawn on top of each other`).toEqual([]);
    reports.push(...axes);
  }
  return reports;
}

test('a trained classifier: tall charts in epochs with spaced ticks, a boundary with axes and a colour legend', async ({ page }) => {
  await trainExample(page, /Two moons/);
  const axes = await expectReadableCharts(page);
  expect(axes.some((a) => a.label === 'accuracy')).toBe(true);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-accuracy', 'true');

  const picture = (await page.getByTestId('decision-boundary').boundingBox())!;
  const x = page.getByTestId('boundary-x-axis'), y = page.getByTestId('boundary-y-axis');
  await expect(x).toHaveAttribute('data-label', 'x1');
  await expect(y).toHaveAttribute('data-label', 'x2');
  for (const [axis, under] of [[x, true], [y, false]] as const) {
    const ticks = await boxesOf(axis.locator('.tick'));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(overlapping(ticks)).toEqual([]);
    for (const t of ticks) {
      // x ticks under the picture and across it, y ticks left of it and along it
      if (under) { expect(t.y).toBeGreaterThanOrEqual(picture.y + picture.height - 1); expect(t.x + t.width / 2).toBeGreaterThanOrEqual(picture.x - 1); expect(t.x + t.width / 2).toBeLessThanOrEqual(picture.x + picture.width + 1); }
      else { expect(t.x + t.width).toBeLessThanOrEqual(picture.x + 1); expect(t.y + t.height / 2).toBeGreaterThanOrEqual(picture.y - 1); expect(t.y + t.height / 2).toBeLessThanOrEqual(picture.y + picture.height + 1); }
    }
  }
  const legend = page.getByTestId('boundary-legend');
  await expect(legend).toBeVisible();
  await expect(page.getByTestId('boundary-legend-class-0')).toHaveText(/class 0/);
  await expect(page.getByTestId('boundary-legend-class-1')).toHaveText(/class 1/);
  await expect(page.getByTestId('boundary-probability-scale')).toBeVisible();
  const legendBox = (await legend.boundingBox())!;
  expect(legendBox.y).toBeGreaterThanOrEqual(picture.y + picture.height);
  await page.screenshot({ path: 'test-results/dock-classifier-1400.png' });
});

test('a trained regression (sine) has no accuracy axis or series, and its curve has axes and a legend', async ({ page }) => {
  await trainExample(page, /Sine/);
  const axes = await expectReadableCharts(page);
  expect(axes.map((a) => a.label)).not.toContain('accuracy');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-accuracy', 'false');
  await expect(page.getByTestId('loss-chart').locator('.u-legend')).not.toContainText('acc');
  await expect(page.getByTestId('boundary-x-axis')).toHaveAttribute('data-label', 'x');
  expect((await boxesOf(page.getByTestId('boundary-y-axis').locator('.tick'))).length).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('boundary-legend')).toContainText('model');
});

test('a wide tensor table and a wide weight editor scroll sideways inside the inspector', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /Two moons/);
  await waitForRun(page);
  const inspector = page.getByTestId('inspector');
  const fits = async (scroller: Locator): Promise<void> => {
    // (headless Chromium draws no scrollbars, so their room cannot be measured here)
    const m = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    const panel = (await inspector.boundingBox())!;
    expect(m.scroll, 'wider than its box: it scrolls').toBeGreaterThan(m.client);
    expect(m.right).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    expect(panel.x + panel.width).toBeLessThanOrEqual(1400);
    // a horizontal wheel (a trackpad swipe) over it scrolls it, inside the panel
    const box = (await scroller.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20));
    await page.mouse.wheel(300, 0);
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  };
  // an edge's [4, 16] activations
  await clickAt(page, page.getByTestId('edge-label-e-fc1-h1'));
  await expect(inspector.locator('.tensor-scroll').first()).toBeVisible();
  await fits(inspector.locator('.tensor-scroll').first());
  // a 16×16 weight matrix's editor
  await clickAt(page, page.getByTestId('node-fc2').locator('.bps-node-title'));
  await expect(inspector.locator('.matrix-editor').first()).toBeVisible();
  await fits(inspector.locator('.matrix-editor').first());
});

test('Hessian: column and row labels never overprint, and a 48×48 heatmap stays inside the dock', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /Two moons/);
  await waitForRun(page);
  await clickAt(page, page.getByRole('tab', { name: 'Hessian' }));
  const panel = page.getByTestId('hessian-panel');
  // fc1's W and b are chosen to start with: 48 entries, a canvas heatmap
  await clickAt(page, page.getByRole('button', { name: 'Compute Hessian' }));
  const matrix = page.getByTestId('hessian-matrix');
  await expect(matrix).toHaveAttribute('data-rows', '48');
  const dock = (await page.getByTestId('analysis-dock').boundingBox())!;
  const heat = (await matrix.locator('canvas').boundingBox())!;
  expect(heat.y).toBeGreaterThanOrEqual(dock.y);
  expect(heat.y + heat.height).toBeLessThanOrEqual(dock.y + dock.height);
  expect(heat.x + heat.width).toBeLessThanOrEqual(dock.x + dock.width);
  // a cell under the pointer names itself, on the picture as drawn (it may be drawn smaller than its pixels)
  await page.mouse.move(heat.x + heat.width - 2, heat.y + heat.height - 2);
  await expect(matrix.locator('.bps-hover-value')).toContainText('fc1.b');

  // fc3's 32 + 2 entries: a grid of cells with a label per row and column
  for (const key of ['fc1.W', 'fc1.b', 'fc3.W', 'fc3.b']) await clickAt(page, panel.getByRole('checkbox', { name: new RegExp(`^${key.replace('.', '\\.')} `) }));
  await clickAt(page, page.getByRole('button', { name: 'Compute Hessian' }));
  await expect(matrix).toHaveAttribute('data-rows', '34');
  const cols = await boxesOf(matrix.locator('.heatmap-col-label'));
  const rows = await boxesOf(matrix.locator('.heatmap-row-label'));
  expect(cols).toHaveLength(34);
  expect(rows).toHaveLength(34);
  expect(overlapping(cols), 'column labels run together').toEqual([]);
  expect(overlapping(rows), 'row labels run together').toEqual([]);
  // and each is shown whole, not cut to "…"
  expect(await matrix.locator('.heatmap-col-label, .heatmap-row-label').evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).map((e) => `${e.textContent} ${e.scrollWidth}/${e.clientWidth}×${e.scrollHeight}/${e.clientHeight}`))).toEqual([]);
  // each label carries its whole name as a tooltip
  await expect(matrix.locator('.heatmap-col-label').first()).toHaveAttribute('title', /^fc3\.W/);
  const box = (await matrix.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(dock.y + dock.height);
  await page.screenshot({ path: 'test-results/dock-hessian-1400.png' });
});
