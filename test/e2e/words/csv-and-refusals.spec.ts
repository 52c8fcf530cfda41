// Issue 10.13–10.14: a CSV's 0/1 label becomes a 1-wide target for a 1-output model; a refused weight
// says why next to the field; Re-initialise asks before replacing hand-set weights and says Undo restores them.
import { expect, test } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';

test('CSV import: one 0/1 label column stays one column for the lecture\'s one-output network', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-x').click();
  await page.getByTestId('dataset-csv-open').click();
  const csv = 'a,label\n0.1,0\n0.5,1\n0.9,1\n0.3,0\n0.7,1\n';
  await page.getByTestId('dataset-csv-file').setInputFiles({ name: 'binary.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('dataset-csv-task')).toHaveValue('binary');
  await expect(page.getByTestId('dataset-csv-task').locator('option:checked')).toHaveText('one 0/1 column (two classes)');
  await page.getByTestId('dataset-csv-import').click();
  await expect(page.getByTestId('dataset-csv-panel')).toBeHidden();
  const doc = await getDocument(page);
  const data = (doc.datasets as Record<string, { labels: { shape: number[] }; labelNames: string[] }>).data!;
  expect(data.labels.shape).toEqual([5, 1]);
  expect(doc.nodes.find((n) => n.id === 'y')).toMatchObject({ config: { size: 1 }, binding: { dataset: 'data', field: 'labels' } });
  await waitForRun(page, 'ok');
});

test('"abc" in a weight is refused with the reason next to the field, and Esc puts the old value back', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w1').click();
  const cell = page.getByTestId('param-w1-W-0');
  await cell.fill('abc');
  await cell.press('Enter');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  const message = page.getByTestId('param-w1-W-error');
  await expect(message).toContainText('“abc” is not a number: type digits such as 0.8, -1.2 or 3e-4');
  await expect(message).toContainText('It still holds 0.8');
  await expect(cell).toHaveAccessibleDescription(/is not a number/);
  await cell.press('Escape');
  await expect(message).toHaveCount(0);
  expect((await getDocument(page)).nodes.find((n) => n.id === 'w1')!.params!.W!.data).toEqual([0.8]);
});

test('Re-initialise asks before replacing the lecture\'s hand-set w₁, and Undo brings it back', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w1').click();
  await page.getByRole('button', { name: 'Re-initialise' }).click();
  const ask = page.getByTestId('reinit-confirm');
  await expect(ask).toContainText('set by hand or by training');
  await expect(ask).toContainText('Undo (Ctrl+Z) brings them back');
  await ask.getByRole('button', { name: 'Keep them' }).click();
  await expect(ask).toHaveCount(0);
  expect((await getDocument(page)).nodes.find((n) => n.id === 'w1')!.params!.W!.data).toEqual([0.8]);

  await page.getByRole('button', { name: 'Re-initialise' }).click();
  await page.getByRole('button', { name: 'Replace weights' }).click();
  await expect(page.getByTestId('reinit-done')).toContainText('Undo (Ctrl+Z) restores the previous weights');
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]).not.toBe(0.8);
  await page.getByTestId('canvas').locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]).toBe(0.8);
});
