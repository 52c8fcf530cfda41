// Inspector edits, invalid graphs, edge details, layout and theme, driven as a user would.
import { expect, test } from '@playwright/test';
import { getDocument, waitForRun } from './helpers.ts';

test('an invalid edit shows the error on the node and in the status bar, and dims the last valid results', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const before = await page.getByTestId('edge-label-e-h2-loss').getAttribute('data-grad');
  await page.getByTestId('node-w1').click();
  await page.getByTestId('config-in').fill('2');
  await page.getByTestId('config-in').press('Enter');
  await waitForRun(page, 'invalid');
  await expect(page.getByTestId('error-w1')).toContainText('expects [batch, 2]');
  await expect(page.getByTestId('node-w1')).toHaveClass(/has-error/);
  await expect(page.getByTestId('status-issues')).toContainText('expects [batch, 2]');
  const label = page.getByTestId('edge-label-e-h2-loss');
  await expect(label).toHaveClass(/stale/);
  expect(await label.getAttribute('data-grad')).toBe(before);
  // W was reshaped to [1, 2], keeping the 0.8 the lecture set.
  const w1 = (await getDocument(page)).nodes.find((n) => n.id === 'w1')!;
  expect(w1.params!.W!.shape).toEqual([1, 2]);
  expect(w1.params!.W!.data[0]).toBe(0.8);
  await page.getByTestId('canvas').locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await waitForRun(page, 'ok');
  await expect(label).not.toHaveClass(/stale/);
});

test('a matrix cell refuses text that is not a number, in place', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-x').click();
  const cell = page.getByTestId('value-x-0');
  await cell.fill('1.2.3');
  await cell.press('Enter');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(cell).toHaveValue('1.2.3');
  expect((await getDocument(page)).nodes[0]!.value!.data).toEqual([1.5]);
  await cell.fill('-2e-1');
  await cell.press('Enter');
  await expect.poll(async () => (await getDocument(page)).nodes[0]!.value!.data).toEqual([-0.2]);
});

test('hovering an edge label opens the full tensors, per sample and summed over the batch', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-x').click();
  await page.getByTestId('config-batch').fill('2');
  await page.getByTestId('config-batch').press('Enter');
  await page.getByTestId('value-x-1').fill('-0.5');
  await page.getByTestId('value-x-1').press('Enter');
  await waitForRun(page);
  const label = page.getByTestId('edge-label-e-x-w1');
  await expect.poll(async () => JSON.parse((await label.getAttribute('data-value'))!)).toEqual({ shape: [2, 1], data: [1.5, -0.5] });
  await label.hover();
  const details = page.getByTestId('edge-details-e-x-w1');
  await expect(details).toContainText('sample 1');
  await expect(details).toContainText('Σ batch');
  await expect(details.locator('.sum-row td').first()).toHaveText('1'); // 1.5 + (−0.5)
});

test('palette filter, Enter to add at the centre, auto-layout (undoable) and the dark theme', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByLabel('Filter modules').fill('tan');
  await expect(page.getByTestId('palette-tanh')).toBeVisible();
  await expect(page.getByTestId('palette-linear')).toHaveCount(0);
  await page.getByTestId('palette-tanh').press('Enter');
  await expect(page.getByTestId('node-tanh1')).toBeVisible();

  const before = (await getDocument(page)).nodes.map((n) => n.position);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => (await getDocument(page)).nodes.map((n) => n.position)).not.toEqual(before);
  const laidOut = await getDocument(page);
  // Left to right: every edge points rightwards.
  for (const e of laidOut.edges) {
    const s = laidOut.nodes.find((n) => n.id === e.source)!.position!, t = laidOut.nodes.find((n) => n.id === e.target)!.position!;
    expect(t.x).toBeGreaterThan(s.x);
  }
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await getDocument(page)).nodes.map((n) => n.position)).toEqual(before);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/dark-theme.png' });
});
