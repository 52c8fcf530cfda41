// Issue 13.8: weight decay and L1 from the Training panel. Without them the loss chart has no penalty;
// with them it draws ½λ₂‖θ‖² + λ₁‖θ‖₁ of each step, and the run trains with (and writes back) both settings.
import { expect, test } from '@playwright/test';
import { getDocument, openExample, waitForRun } from '../helpers.ts';

test('XOR with weight decay and L1: the loss chart draws the penalty, the settings are saved with the run', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /XOR/);
  await expect(page.getByTestId('node-fc1')).toBeVisible();
  const chart = page.getByTestId('loss-chart');

  await page.getByLabel('Epochs').fill('30');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText(/Done|Finished|epoch 30\/30/);
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);
  await expect(chart).not.toHaveAttribute('data-penalty', /.*/);

  await page.getByLabel('Weight decay (L2)').fill('0.05');
  await page.getByLabel('L1').fill('0.01');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(await chart.getAttribute('data-penalty') ?? 'NaN')).toBeGreaterThan(0);
  await expect.poll(async () => (await getDocument(page)).training).toMatchObject({ weightDecay: 0.05, l1: 0.01 });
});
