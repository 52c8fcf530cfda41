// Issue 10.16: an empty canvas says how to start; a file whose nodes share one position opens laid out.
import { expect, test } from '@playwright/test';
import { clickAt, dragFromPalette, getDocument, pickFromMenu, waitForRun } from '../helpers.ts';
import { dropFile, exampleText } from '../files/files-helpers.ts';
import { nodeTextPx } from './layout-helpers.ts';

test('the empty canvas hints at the palette and the examples, and its button opens the lecture example', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);
  await pickFromMenu(page, 'File', 'New');
  const hint = page.getByTestId('empty-hint');
  await expect(hint).toContainText('palette');
  await expect(hint).toContainText('example');
  // The hint does not get in the way of a drop onto the middle of the canvas.
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'linear', c.x + c.width / 2, c.y + c.height * 0.4);
  await expect(page.getByTestId('node-linear1')).toBeVisible();
  await expect(hint).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(hint).toBeVisible();
  await clickAt(page, hint.getByRole('button', { name: 'Open the lecture example' }));
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
  await expect(hint).toHaveCount(0);
});

test('a file whose nodes all sit at one position opens laid out, readable, with no two nodes overlapping', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const doc = JSON.parse(exampleText('lecture-two-layer.bpgraph')) as { nodes: { position?: { x: number; y: number } }[] };
  for (const n of doc.nodes) n.position = { x: 0, y: 0 };
  await dropFile(page, 'pile.bpgraph', JSON.stringify(doc));
  await expect(page).toHaveTitle(/pile\.bpgraph/);
  await expect.poll(async () => new Set((await getDocument(page)).nodes.map((n) => `${n.position?.x},${n.position?.y}`)).size).toBe(doc.nodes.length);
  await expect.poll(() => page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((el) => el.getBoundingClientRect());
    return boxes.some((a, i) => boxes.some((b, j) => i < j && a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom));
  })).toBe(false);
  await expect.poll(() => nodeTextPx(page)).toBeGreaterThanOrEqual(11);
  // Laid out left to right: the input comes before the loss.
  const g = await getDocument(page);
  const x = (id: string) => g.nodes.find((n) => n.id === id)!.position!.x;
  expect(x('x')).toBeLessThan(x('loss'));
});
