// Issue 14.2, the UI half: the training panel offers float32 only for steps of about 1M multiply-adds
// or more, labels the numbers its steps compute, and says float64 once paused; what it writes back is
// float64 (widened float32 values) and the canvas shows the exact path's numbers for them.
import { expect, test } from '@playwright/test';
import { withDatasetPreview } from '../../../engine/index.ts';
import { clickAt, engineOracle, getDocument, openExample, waitForRun } from '../helpers.ts';

test('digits: Batch 256 offers float32, chosen with the mouse it trains labelled float32; paused, the numbers are float64', async ({ page }) => {
  test.setTimeout(240_000); // a shared, loaded machine
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /Handwritten digits/);
  await expect(page.getByTestId('node-fc1')).toBeVisible();
  const precision = page.getByTestId('training-precision');
  // 64-32-10 at its own batch of 32 is ≈ 0.23M multiply-adds a step: too small to gain.
  await expect(page.getByLabel('Batch')).toHaveValue('32');
  await expect(precision).toHaveCount(0);
  await page.getByLabel('Batch').fill('128'); // ≈ 0.91M: still under
  await expect(precision).toHaveCount(0);
  await page.getByLabel('Batch').fill('256'); // ≈ 1.8M
  await expect(precision).toBeVisible();
  await expect(page.getByLabel('float64 (exact)')).toBeChecked();
  await clickAt(page, page.getByText('float32 (fast)'));
  await expect(page.getByLabel('float32 (fast)')).toBeChecked();

  const progress = page.getByTestId('training-progress');
  const text = page.getByTestId('training-progress-text');
  await page.getByLabel('Epochs').fill('');
  await clickAt(page, page.getByRole('button', { name: 'Play', exact: true }));
  await expect(progress).toHaveAttribute('data-precision', 'float32');
  await expect(text).toContainText('Training in float32…');
  await expect(page.getByTestId('training-float32-refusal')).toHaveCount(0);
  await expect(page.getByLabel('float64 (exact)')).toBeDisabled(); // not switched mid-run
  await expect.poll(async () => Number(/epoch (\d+)\//.exec((await text.textContent()) ?? '')?.[1] ?? 0), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.locator('.bps-train-metrics')).toContainText('steps/s (float32)');
  await expect(page.locator('.bps-train-metrics')).toContainText('batch loss (float32)');
  await expect(page.getByTestId('loss-chart')).toContainText('batch loss (float32)');

  await clickAt(page, page.getByRole('button', { name: 'Pause' }));
  await expect(progress).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await expect(text).toContainText(/Paused at epoch \d+\/∞ — numbers recomputed in float64/);
  await clickAt(page, page.getByRole('button', { name: 'Stop' }));
  await expect(progress).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  await expect(text).toContainText('numbers recomputed in float64');

  // Written back: float64 numbers that are float32 values widened exactly, not the float64 path's.
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'fc1')?.params?.W?.data.length ?? 0).toBe(64 * 32);
  const doc = await getDocument(page);
  const w = doc.nodes.find((n) => n.id === 'fc1')!.params!.W!.data;
  expect(w.every((v) => Math.fround(v) === v)).toBe(true);
  // The canvas runs them on the exact path: its loss edge equals the engine's float64 run of the document.
  await waitForRun(page);
  const oracle = engineOracle(withDatasetPreview(doc));
  const label = page.getByTestId('edge-label-e-fc2-loss');
  await expect.poll(async () => JSON.parse((await label.getAttribute('data-value')) ?? 'null')).toEqual(oracle.edges['e-fc2-loss']!.value);
});

test('the lecture example trains as before: no precision control', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /Lecture: two sigmoid layers/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await page.getByLabel('Batch').fill('100000'); // clamped to its data by the trainer: still tiny
  await expect(page.getByLabel('Batch')).toHaveValue('100000');
  await expect(page.getByTestId('training-precision')).toHaveCount(0);
});
