// The training panel tells the user early: a placeholder before any curve, bad settings marked as
// they are typed, an edit during a paused run flagged at once, the diverging node marked on the
// canvas, and charts that follow the dark theme. Screenshots (light and dark) go to test-results/.
import { expect, test } from '@playwright/test';
import { getDocument, waitForRun, openExample } from '../helpers.ts';
test('before training: a placeholder instead of empty charts, and settings checked as they are typed', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await expect(page.getByTestId('chart-placeholder')).toHaveText(/Train to see the loss and gradient norms here/);
  await expect(page.getByTestId('loss-chart')).toHaveCount(0);
  await page.getByRole('region', { name: 'Training' }).screenshot({ path: 'test-results/training-panel-before-light.png' });

  const train = page.getByRole('button', { name: 'Train', exact: true });
  const lr = page.getByLabel('Learning rate');
  await lr.fill('1000');
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-error-learningRate')).toHaveText('At most 100');
  await expect(train).toBeDisabled();
  await page.getByLabel('Epochs').fill('2.5');
  await expect(page.getByTestId('settings-error-epochs')).toHaveText('Must be a whole number');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('region', { name: 'Training' }).screenshot({ path: 'test-results/training-panel-invalid-dark.png' });
  await lr.fill('0.05');
  await expect(lr).not.toHaveAttribute('aria-invalid');
  await expect(train).toBeDisabled(); // epochs is still wrong
  await page.getByLabel('Epochs').fill('3');
  await expect(train).toBeEnabled();
  await train.click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Done');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('chart-placeholder')).toHaveCount(0);
  // The settings used are saved with the trained parameters.
  expect((await getDocument(page)).training).toMatchObject({ learningRate: 0.05, epochs: 3 });
});

test('an edit while paused is flagged at once: Restart trains the edited graph, Undo lets the run go on', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /XOR/);
  await page.getByLabel('Epochs').fill(''); // until paused: a fixed count could end before the Pause click
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Training…');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Paused at epoch');

  await page.getByTestId('node-fc2').click();
  await expect(page.getByTestId('training-stale')).toHaveCount(0); // selecting is not an edit
  await page.getByTestId('config-bias').uncheck();
  await expect(page.getByTestId('training-stale')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await page.getByRole('region', { name: 'Training' }).screenshot({ path: 'test-results/training-panel-stale.png' });

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('training-stale')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();

  await page.getByTestId('config-bias').uncheck();
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Training…');
  await expect(page.getByTestId('training-stale')).toHaveCount(0);
  await expect.poll(async () => Number(await page.getByTestId('training-progress').getAttribute('data-step'))).toBeGreaterThan(0);
  // Paused first, so Stop acts on a run known to be between two steps.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Paused at epoch');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('training-writeback')).toContainText('written');
  const fc2 = (await getDocument(page)).nodes.find((n) => n.id === 'fc2')!;
  expect(fc2.config).toMatchObject({ bias: false });
});

test('a diverging run marks the node where NaN first appeared, on the canvas', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /sine/i);
  await page.getByLabel('Optimizer').selectOption('sgd');
  await page.getByLabel('Learning rate').fill('100');
  await page.getByLabel('Momentum').fill('0.99');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const node = (await page.getByTestId('training-error').getAttribute('data-node'))!;
  expect(node).not.toBe('');
  const badge = page.getByTestId(`nonfinite-badge-${node}`);
  await expect(badge).toContainText('NaN/∞ first appeared here');
  await expect(page.getByTestId(`node-${node}`)).toContainText('NaN/∞ first appeared here');
  await expect(page.locator('[data-testid^="nonfinite-badge-"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/training-nonfinite-badge.png' });
  // The next run clears the mark.
  await page.getByLabel('Learning rate').fill('0.01');
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(badge).toHaveCount(0);
});
