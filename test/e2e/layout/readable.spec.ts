// Issue 10.2: the lecture example opens readable at the window sizes people have, with no user action;
// Fit view never shrinks text below 11 px; text size, folding panels and the dock make room.
import { expect, test } from '@playwright/test';
import { clickAt, pickFromMenu, toolbarCommand, waitForRun } from '../helpers.ts';
import { canvasZoom, nodeTextPx } from './layout-helpers.ts';

const MIN_PX = 11;

for (const [width, height] of [[1024, 768], [1100, 700], [1400, 900], [1920, 1080]] as const) {
  test(`the lecture example opens with node titles and edge labels at ≥ 11 px at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await waitForRun(page);
    await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(MIN_PX);
    // The first nodes are on screen: the fit shows the graph from its input when it cannot show it all.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const input = (await page.getByTestId('node-x').boundingBox())!;
    expect(input.x).toBeGreaterThanOrEqual(canvas.x);
    expect(input.x + input.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  });
}

for (const [width, height] of [[1400, 900], [1400, 850]] as const) {
  test(`the lecture example opens whole at ${width}×${height}: every node inside the canvas, text ≥ 11 px`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await waitForRun(page);
    await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(MIN_PX);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const nodes = page.locator('.react-flow__node');
    await expect(nodes).toHaveCount(7);
    const outside = await nodes.evaluateAll((els, c) => els.flatMap((el) => {
      const b = el.getBoundingClientRect();
      return b.left >= c.x && b.top >= c.y && b.right <= c.x + c.width && b.bottom <= c.y + c.height ? [] : [el.getAttribute('data-id')];
    }), canvas);
    expect(outside, 'nodes past the canvas edge on open').toEqual([]);
  });
}

test('Fit view after zooming out brings text back to ≥ 11 px; a wide window shows the whole graph larger', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await waitForRun(page);
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThan(MIN_PX);
  // Everything fits at 1920: the loss, the last node, is on screen too.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const loss = (await page.getByTestId('node-loss').boundingBox())!;
  expect(loss.x + loss.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  await page.setViewportSize({ width: 1100, height: 700 });
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 4; i++) await clickAt(page, zoomOut);
  await expect.poll(() => nodeTextPx(page)).toBeLessThan(MIN_PX);
  await toolbarCommand(page, 'Fit view');
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(MIN_PX);
});

test('text size Larger scales node text and is remembered; Normal brings it back', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const titleCss = () => page.getByTestId('node-w1').locator('.bps-node-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await titleCss()).toBe(14);
  await pickFromMenu(page, 'More commands', 'Larger');
  await expect.poll(titleCss).toBeGreaterThan(19);
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(MIN_PX);
  await page.reload();
  await waitForRun(page);
  await expect.poll(titleCss).toBeGreaterThan(19);
  expect(new URLSearchParams((await page.evaluate(() => localStorage.getItem('bps.layout')))!).get('textSize')).toBe('larger');
  await pickFromMenu(page, 'More commands', 'Normal');
  await expect.poll(titleCss).toBe(14);
});

test('palette and inspector fold to strips, give the canvas their room, and stay folded after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto('/');
  await waitForRun(page);
  const width = async () => (await page.getByTestId('canvas').boundingBox())!.width;
  const before = await width();
  await clickAt(page, page.getByRole('button', { name: 'Hide module palette' }));
  await clickAt(page, page.getByRole('button', { name: 'Hide inspector' }));
  await expect(page.getByRole('complementary', { name: 'Module palette' })).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await expect.poll(width).toBeGreaterThan(before + 300);
  await page.reload();
  await waitForRun(page);
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show module palette' })).toBeVisible();
  // With the room, the fit on opening shows more of the graph, still readable.
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(MIN_PX);
  await clickAt(page, page.getByRole('button', { name: 'Show inspector' }));
  await expect(page.getByTestId('inspector')).toBeVisible();
  await clickAt(page, page.getByRole('button', { name: 'Show module palette' }));
  await expect(page.getByTestId('palette-linear')).toBeVisible();
});

test('the training dock is folded while the graph has nothing to train and opens for one that has', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const dock = page.getByTestId('analysis-dock');
  await expect(dock).not.toHaveClass(/collapsed/);
  await pickFromMenu(page, 'File', 'New');
  await expect(dock).toHaveClass(/collapsed/);
  expect(await canvasZoom(page)).toBeGreaterThan(0);
  await pickFromMenu(page, 'Examples', /XOR/);
  await expect(dock).not.toHaveClass(/collapsed/);
});
