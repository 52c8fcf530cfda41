// Wiring that would break the network is refused on the spot, with a message that says why.
import { expect, test } from '@playwright/test';
import { connect, dragFromPalette, getDocument, pickFromMenu, waitForRun, zoomOutUntilInCanvas } from './helpers.ts';

test('closing a loop is refused: the message names the cycle and the loop is highlighted', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  // Free w1's input first (click the edge's label, Delete), so only the cycle can be the reason.
  await page.getByTestId('edge-label-e-x-w1').click();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await getDocument(page)).edges.map((e) => e.id)).not.toContain('e-x-w1');
  // The run marks w1 and what it feeds "not wired yet": wait for it, so the handles are where they stay.
  await expect(page.getByTestId('node-w1')).toContainText('not wired yet');
  await waitForRun(page);
  await zoomOutUntilInCanvas(page, 'handle-h2-out');

  await connect(page, 'h2-out', 'w1-in');
  await expect(page.getByTestId('refusal')).toContainText('cycle');
  await expect(page.getByTestId('refusal')).toContainText('w1 → h1 → w2 → h2 → w1');
  for (const id of ['w1', 'h1', 'w2', 'h2']) await expect(page.getByTestId(`node-${id}`)).toHaveClass(/in-loop/);
  await expect(page.getByTestId('node-x')).not.toHaveClass(/in-loop/);
  expect((await getDocument(page)).edges).toHaveLength(5);
});

test('a second edge into an occupied input is refused and names the edge already there', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await connect(page, 'x-out', 'h1-in');
  await expect(page.getByTestId('refusal')).toContainText('input "in" of "h1" is already fed by "w1"');
  expect((await getDocument(page)).edges).toHaveLength(6);
});

test('incompatible shapes are refused with both shapes in the message', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  const c = (await page.getByTestId('canvas').boundingBox())!;
  // A linear layer's `in` follows what is wired into it (issue 10.11); a loss's two inputs cannot follow each other.
  await dragFromPalette(page, 'input', c.x + 150, c.y + 120);
  await dragFromPalette(page, 'target', c.x + 150, c.y + 320);
  await dragFromPalette(page, 'mse', c.x + 450, c.y + 220);
  await page.getByTestId('node-input1').click();
  await page.getByTestId('config-size').fill('3');
  await page.getByTestId('config-size').press('Enter');
  await connect(page, 'input1-out', 'mse1-pred');
  await expect.poll(async () => (await getDocument(page)).edges).toHaveLength(1);
  await connect(page, 'target1-out', 'mse1-target');
  await expect(page.getByTestId('refusal')).toContainText('incompatible');
  await expect(page.getByTestId('refusal')).toContainText('[1, 3]');
  expect((await getDocument(page)).edges).toHaveLength(1);
});
