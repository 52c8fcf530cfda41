// Issue 10.3: presenter mode fills the window with the canvas and the step panel, text for a projector
// (≥ 18 px at 1280×720), a clicker's keys drive the steps, Esc leaves; F5 enters.
import { expect, test } from '@playwright/test';
import { clickAt, getDocument, waitForRun } from '../helpers.ts';
import { nodeTextPx } from './layout-helpers.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('the Presenter mode button shows canvas and steps only, with ≥ 18 px node text; the clicker steps; Esc leaves', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const positions = (await getDocument(page)).nodes.map((n) => n.position);
  await clickAt(page, page.getByRole('button', { name: 'Presenter mode' }));
  await expect(page.getByRole('toolbar')).toBeHidden();
  await expect(page.getByTestId('palette-linear')).toBeHidden();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await expect(page.getByTestId('analysis-dock')).toBeHidden();
  await expect(page.getByTestId('gradient-legend')).toBeHidden();
  await expect(page.getByTestId('step-panel')).toBeVisible();
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(18);
  // The canvas takes the window's whole width.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  expect(canvas.width).toBeGreaterThanOrEqual(1270);
  await page.screenshot({ path: 'test-results/presenter-1280x720.png' });

  const equation = page.getByTestId('step-equation');
  await expect(page.getByTestId('node-x')).toHaveClass(/step-current/);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('node-w1')).toHaveClass(/step-current/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('node-w2')).toHaveClass(/step-current/);
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('node-h1')).toHaveClass(/step-current/);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('node-w1')).toHaveClass(/step-current/);
  await expect(equation).toHaveAttribute('data-tex', /.+/);
  // The view follows the steps: going on to the loss brings it on screen even at this zoom.
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
  await expect(page.getByTestId('node-loss')).toHaveClass(/step-current/);
  await expect.poll(async () => {
    const b = (await page.getByTestId('node-loss').boundingBox())!;
    const c = (await page.getByTestId('canvas').boundingBox())!;
    return b.x >= c.x && b.x + b.width <= c.x + c.width;
  }).toBe(true);
  // A step moved no node.
  expect((await getDocument(page)).nodes.map((n) => n.position)).toEqual(positions);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar')).toBeVisible();
  await expect(page.getByTestId('palette-linear')).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect.poll(() => nodeTextPx(page)).toBeLessThan(18);
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(11);
});

test('F5 enters presenter mode without reloading the page, and F5 or the button leaves it', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
  await page.keyboard.press('F5');
  await expect(page.getByRole('toolbar')).toBeHidden();
  await expect(page.getByTestId('step-panel')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  await page.keyboard.press('F5');
  await expect(page.getByRole('toolbar')).toBeVisible();
  await page.keyboard.press('F5');
  await clickAt(page, page.getByRole('button', { name: 'Leave presenter mode' }));
  await expect(page.getByRole('toolbar')).toBeVisible();
});
