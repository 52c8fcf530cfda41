// Issue 13.11: training you can play with. An empty Epochs field trains until paused (past the file's
// epochs), and the learning rate changes while the run goes on: the next mini-batches use it, the
// status says it, the loss chart marks the step, and the run is not restarted.
import { expect, test } from '@playwright/test';
import { clickAt, getDocument, openExample, waitForRun } from '../helpers.ts';

test('XOR until paused: past the saved epochs, a new learning rate mid-run, Pause, Stop writes the new rate back', async ({ page }) => {
  test.setTimeout(240_000); // a shared, loaded machine: the numbers asked for are small, the waits for them long
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /XOR/);
  await expect(page.getByTestId('node-fc1')).toBeVisible();
  expect((await getDocument(page)).training).toMatchObject({ epochs: 1000, learningRate: 2 });

  const progress = page.getByTestId('training-progress');
  const text = page.getByTestId('training-progress-text');
  const rates = page.getByTestId('training-rates');
  const epochOf = async (): Promise<number> => Number(/epoch (\d+)\//.exec((await text.textContent()) ?? '')?.[1] ?? NaN);
  const stepOf = async (): Promise<number> => Number(await progress.getAttribute('data-step'));

  // A short run first: its write-back saves 20 epochs in the document.
  await page.getByLabel('Epochs').fill('20');
  await clickAt(page, page.getByRole('button', { name: 'Train', exact: true }));
  await expect(text).toContainText('Done: epoch 20/20');
  await expect.poll(async () => (await getDocument(page)).training).toMatchObject({ epochs: 20 });

  await page.getByLabel('Epochs').fill('');
  await clickAt(page, page.getByRole('button', { name: 'Play', exact: true })); // Train becomes Play
  await expect(text).toContainText('/∞');
  await expect(rates).toHaveAttribute('data-lr', '2');
  // XOR's four samples are one mini-batch: 20 epochs are 20 steps, and the run goes on past them.
  await expect.poll(epochOf, { timeout: 60_000 }).toBeGreaterThan(60);
  await expect(progress).toHaveAttribute('data-state', 'running');

  const lr = page.getByLabel('Learning rate');
  await expect(lr).toBeEnabled();
  await expect(page.getByLabel('Batch')).toBeDisabled(); // only the rates can change while it runs
  await lr.fill('0.5');
  await expect(rates).toHaveAttribute('data-lr', '0.5');
  const atChange = await stepOf();
  await expect(page.getByTestId('rate-changes')).toContainText('lr 2 → 0.5');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-rate-changes', '1');
  // Not restarted: the steps go on from where they were.
  await expect.poll(stepOf, { timeout: 60_000 }).toBeGreaterThan(atChange + 30);
  await expect(progress).toHaveAttribute('data-state', 'running');

  await clickAt(page, page.getByRole('button', { name: 'Pause' }));
  await expect(progress).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await expect(text).toContainText(/Paused at epoch \d+\/∞/);
  const paused = await stepOf();
  await clickAt(page, page.getByRole('button', { name: 'Stop' }));
  await expect(progress).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  expect(await stepOf()).toBe(paused);
  // The run's settings are written back with its parameters: the new rate, the file's epochs.
  await expect.poll(async () => (await getDocument(page)).training).toMatchObject({ learningRate: 0.5, epochs: 20 });
  await expect(page.getByLabel('Epochs')).toHaveValue(''); // the panel still trains until paused
});
