// A diverging run stops and names the node where the first non-finite number appeared; the 1-D
// regression example shows its fitted curve and a three-class example its class map.
import { expect, test, type Page } from '@playwright/test';
import { getDocument, openExample as pickExample, waitForRun } from '../helpers.ts';

/** Opens an example; after training the document has unsaved changes, so the app asks first. */
async function openExample(page: Page, name: RegExp, unsaved = false): Promise<void> {
  await pickExample(page, name);
  if (unsaved) await page.getByTestId('unsaved-dialog').getByRole('button', { name: "Don't save" }).click();
}

test('a learning rate that makes the sine fit diverge stops training and names the node', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /sine/i);
  const before = await getDocument(page);
  await page.getByLabel('Optimizer').selectOption('sgd');
  await page.getByLabel('Learning rate').fill('100');
  await page.getByLabel('Momentum').fill('0.99');
  await page.getByRole('button', { name: 'Train' }).click();
  const error = page.getByTestId('training-error');
  await expect(error).toContainText('non-finite');
  await expect(error).toHaveAttribute('data-node', 'loss');
  await expect(error).toContainText('Node “loss”');
  await expect(page.getByTestId('training-progress-text')).toContainText('Failed in epoch');
  // The document keeps its parameters after a failure.
  expect(await getDocument(page)).toEqual(before);
});

test('sine regression draws its fitted curve, spiral its class map, both changing while training', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await waitForRun(page);
  for (const [name, kind, trainedBefore] of [[/sine/i, 'regression', false], [/spiral/i, 'classification', true]] as const) {
    await openExample(page, name, trainedBefore);
    await page.getByLabel('Epochs').fill(''); // until stopped: the maps are watched while it runs
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const boundary = page.getByTestId('decision-boundary');
    await expect(boundary).toHaveAttribute('data-kind', kind);
    await expect(boundary).toHaveAttribute('data-checksum', /^[0-9a-f]{8}$/);
    const first = await boundary.getAttribute('data-checksum');
    await expect(boundary).not.toHaveAttribute('data-checksum', first!);
    await page.screenshot({ path: `test-results/training-${kind}.png` });
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('training-progress-text')).toContainText('Stopped at epoch');
  }
  expect(errors).toEqual([]);
});
