// Review fixes on the canvas and inspector, driven with real keyboard and mouse input.
import { expect, test, type Page } from '@playwright/test';
import { getDocument, panIntoView, pickFromMenu, waitForRun } from '../helpers.ts';

const positionOf = async (page: Page, id: string) => (await getDocument(page)).nodes.find((n) => n.id === id)!.position;

test('arrow-key moves of a focused node are one undoable move, and the focused node shows a ring', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const before = await positionOf(page, 'w1');
  // Tab onto the node, as a keyboard user would (a keyboard focus, so :focus-visible applies).
  await page.getByTestId('node-x').click();
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('w1');
  // Focused but not selected: only the focus ring can draw an outline.
  const ring = await page.getByTestId('node-w1').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter'); // selects the focused node, so the arrows move it
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => positionOf(page, 'w1')).not.toEqual(before);
  // The burst becomes one history entry once the keys rest: Undo is enabled when it has.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect.poll(() => positionOf(page, 'w1')).toEqual(before);
});

test('the edge popover closes on Escape and after a click, and stays inside the canvas', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto('/');
  await waitForRun(page);
  const label = page.getByTestId('edge-label-e-h2-loss');
  // At 1100 px the readable fit shows the graph from its input: pan the last edge in, near the right edge.
  await panIntoView(page, label);
  await label.hover();
  const details = page.getByTestId('edge-details-e-h2-loss');
  await expect(details).toBeVisible();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const box = (await details.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(canvas.x);
  expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await page.mouse.move(0, 0);
  await label.hover();
  await expect(details).toBeVisible();
  await label.click();
  await expect(details).toHaveCount(0);
  await expect(page.getByTestId('edge-inspector-e-h2-loss')).toBeVisible();
});

test('weight gradients are labelled by output and input unit, without a batch sum', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'Examples', /XOR/);
  await waitForRun(page);
  await page.getByTestId('node-fc1').click();
  const grad = page.getByTestId('grad-fc1-W');
  await expect(grad).toContainText('out 3');
  await expect(grad).toContainText('in 1');
  await expect(grad).not.toContainText('sample');
  await expect(grad).not.toContainText('Σ batch');
  // The canvas ran 4 samples of the dataset: the node says so, and where its rows come from.
  await expect(page.getByTestId('shape-fc1')).toHaveText('[4, 4]');
  await expect(page.getByTestId('bound-x')).toHaveText('xor · features');
});
