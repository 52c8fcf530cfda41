// Issue 10.4: a drop never changes the zoom, the first node on an empty canvas is not blown up, Fit
// view on a lone node stays at 100 % or less, and a drop on top of a node lands next to it instead.
import { expect, test, type Page } from '@playwright/test';
import { dragFromPalette, getDocument, pickFromMenu, toolbarCommand, waitForRun } from '../helpers.ts';
import { canvasZoom, nodeTextPx } from './layout-helpers.ts';

async function screenBox(page: Page, id: string) {
  return (await page.getByTestId(`node-${id}`).boundingBox())!;
}
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('drops on an empty canvas keep the zoom; a second drop on the first lands beside it', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  await expect.poll(async () => (await getDocument(page)).nodes.length).toBe(0);
  const zoom = await canvasZoom(page);
  expect(zoom).toBeLessThanOrEqual(1);
  const c = (await page.getByTestId('canvas').boundingBox())!;
  const at = { x: c.x + c.width / 2, y: c.y + c.height / 2 };

  const runs = Number(await page.getByTestId('status-bar').getAttribute('data-runs'));
  await dragFromPalette(page, 'linear', at.x, at.y);
  await expect(page.getByTestId('node-linear1')).toBeVisible();
  // Wait for anything that would react to the first node (a fit, a measure) before reading the zoom:
  // its run (a lone unwired node leaves the run ok, issue 10.12).
  await expect.poll(async () => Number(await page.getByTestId('status-bar').getAttribute('data-runs'))).toBeGreaterThan(runs);
  await waitForRun(page);
  expect(await canvasZoom(page)).toBe(zoom);

  await dragFromPalette(page, 'sigmoid', at.x, at.y);
  await expect(page.getByTestId('node-sigmoid1')).toBeVisible();
  await expect.poll(async () => overlap(await screenBox(page, 'linear1'), await screenBox(page, 'sigmoid1'))).toBe(false);
  // Enter in the palette adds at the centre of the view: a third node, overlapping neither.
  await page.getByTestId('palette-tanh').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-tanh1')).toBeVisible();
  for (const other of ['linear1', 'sigmoid1']) {
    await expect.poll(async () => overlap(await screenBox(page, 'tanh1'), await screenBox(page, other))).toBe(false);
  }
  expect(await canvasZoom(page)).toBe(zoom);
});

test('Fit view on a single node keeps it at 100 % at most, and readable', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'linear', c.x + 120, c.y + 120);
  await expect(page.getByTestId('node-linear1')).toBeVisible();
  await toolbarCommand(page, 'Fit view');
  // Once the fit's animation has ended: at most 100 %, and readable.
  await expect.poll(async () => { const z = await canvasZoom(page); return z <= 1 && z * 14 >= 11 && (await nodeTextPx(page)) >= 11; }).toBe(true);
  // Centred in the canvas.
  // The box is read on every poll: while the fit animates, the zoom (and so the width) changes too.
  await expect.poll(async () => { const b = await screenBox(page, 'linear1'); return Math.abs(b.x + b.width / 2 - (c.x + c.width / 2)); }).toBeLessThan(4);
});
