// Training you can play with: Step batch trains one mini-batch of the lecture example and pauses; the
// table shows w1 = 0.8, its gradient −0.00225 and the SGD update −lr·∂L/∂w1, as the lecture computes
// them; the canvas shows the batch with the parameters before the step; Reset re-draws, Undo restores.
import { expect, test, type Locator } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';

const num = async (cell: Locator): Promise<number> => Number((await cell.innerText()).replace('−', '-'));

test('Step batch on the lecture example: one SGD step, shown entry by entry, then Reset and Undo', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByLabel('Optimizer').selectOption('sgd');
  await page.getByLabel('Learning rate').fill('0.5');
  await page.getByLabel('Momentum').fill('0');
  await page.getByRole('button', { name: 'Step batch' }).click();
  const table = page.getByTestId('batch-step');
  await expect(table).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('training-progress-text')).toContainText('Paused at epoch');
  const w1 = table.locator('tr[data-param="w1.W"]');
  const cells = w1.locator('td');
  expect(await num(cells.nth(0))).toBe(0.8);
  expect(await num(cells.nth(1))).toBeCloseTo(-0.00225, 5);
  expect(await num(cells.nth(2))).toBeCloseTo(0.5 * 0.00225, 6);
  expect(await num(cells.nth(3))).toBeCloseTo(0.8 + 0.5 * 0.00225, 6);
  await expect(table.getByRole('columnheader', { name: /−lr·∂L\/∂θ \(lr 0\.5\)/ })).toBeVisible();
  // The whole table is readable where it stands: nothing scrolled away, nothing under the charts beside it.
  const fits = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right,
    charts: document.querySelector('.bps-train-charts')!.getBoundingClientRect().left }));
  expect(fits.scroll).toBeLessThanOrEqual(fits.client);
  expect(fits.right).toBeLessThanOrEqual(fits.charts);
  // The canvas shows the batch with the parameters before the step: w1's gradient on its edge is the table's.
  await expect(page.getByTestId('edge-label-e-x-w1')).toHaveAttribute('data-value', JSON.stringify({ shape: [1, 1], data: [1.5] }));

  // A second click steps the same run on; the document is untouched until the run is stopped.
  const before = await getDocument(page);
  await page.getByRole('button', { name: 'Step batch' }).click();
  await expect(table).toHaveAttribute('data-step', '2');
  expect(await num(cells.nth(0))).toBeCloseTo(0.8 + 0.5 * 0.00225, 6);
  expect(await getDocument(page)).toEqual(before);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('training-writeback')).toContainText('written');

  // Reset draws every parameter afresh from the seed; Undo brings the trained ones back.
  const trained = await getDocument(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]).not.toBe(trained.nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await getDocument(page)).toEqual(trained);
});
