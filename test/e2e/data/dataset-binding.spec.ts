// The inspector's data-source section (renderer/data-ui/DatasetSection, mounted in the inspector for
// input and target nodes): edit a bound dataset's recipe, import a CSV all-or-nothing, bind and unbind.
import { expect, test, type Page } from '@playwright/test';
import { getDocument, waitForRun, openExample } from '../helpers.ts';

async function openMoons(page: Page): Promise<void> {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /moons/i);
  await expect(page.getByTestId('node-fc1')).toBeVisible();
  await waitForRun(page);
}

async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).click();
  await expect(page.getByTestId('dataset-section')).toBeVisible();
}

const edgeValue = (page: Page, id: string) => page.getByTestId(`edge-label-${id}`).getAttribute('data-value');

test('changing the bound dataset\'s noise or seed changes the samples on the edges, one undo step each', async ({ page }) => {
  await openMoons(page);
  await selectNode(page, 'x');
  const section = page.getByTestId('dataset-section');
  await expect(section).toHaveAttribute('data-bound', 'data');
  await expect(page.getByTestId('dataset-summary')).toContainText('300 train, 100 test');
  const original = await edgeValue(page, 'e-x-fc1');
  expect(original).toBeTruthy();

  await page.getByTestId('dataset-noise').fill('0.3');
  await page.getByTestId('dataset-noise').press('Enter');
  await expect.poll(async () => ((await getDocument(page)).datasets as Record<string, { noise?: number }>).data!.noise).toBe(0.3);
  await waitForRun(page);
  await expect.poll(() => edgeValue(page, 'e-x-fc1')).not.toBe(original);
  const noisier = await edgeValue(page, 'e-x-fc1');

  await page.getByTestId('dataset-seed').fill('4');
  await page.getByTestId('dataset-seed').press('Enter');
  await waitForRun(page);
  await expect.poll(() => edgeValue(page, 'e-x-fc1')).not.toBe(noisier);
  await page.screenshot({ path: 'test-results/data-ui-bound.png' });

  // Out of the schema's bounds: shown in place, nothing committed.
  const before = await getDocument(page);
  await page.getByTestId('dataset-testFraction').fill('0.95');
  await page.getByTestId('dataset-testFraction').press('Enter');
  await expect(page.getByTestId('dataset-testFraction-error')).toHaveText('at most 0.9');
  expect(await getDocument(page)).toEqual(before);

  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitForRun(page);
  await expect.poll(() => edgeValue(page, 'e-x-fc1')).toBe(original);
  await expect(page.getByTestId('dataset-noise')).toHaveValue('0.1');
});

test('a CSV with a bad row is refused with its line number and changes nothing; a good one is bound', async ({ page }) => {
  await openMoons(page);
  await selectNode(page, 'x');
  const before = await getDocument(page);
  await page.getByTestId('dataset-csv-open').click();
  const bad = 'a,b,kind\n0,1,red\n1,0,blue\n1,x,red\n0,0,blue\n';
  await page.getByTestId('dataset-csv-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByTestId('dataset-csv-import').click();
  await expect(page.getByTestId('dataset-error')).toContainText('Line 4, column "b"');
  await page.getByTestId('dataset-section').screenshot({ path: 'test-results/data-ui-csv-error.png' });
  expect(await getDocument(page)).toEqual(before);

  const good = 'a,b,kind\n0,1,red\n1,0,blue\n1,1,red\n0,0,blue\n0.5,0.25,red\n';
  await page.getByTestId('dataset-csv-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByTestId('dataset-csv-import').click();
  await expect(page.getByTestId('dataset-csv-panel')).toBeHidden();
  const after = await getDocument(page);
  const data = (after.datasets as Record<string, { source: string; featureNames: string[]; labelNames: string[] }>).data!;
  expect(data).toMatchObject({ source: 'embedded', featureNames: ['a', 'b'], labelNames: ['blue', 'red'] });
  expect(after.nodes.find((n) => n.id === 'x')!.binding).toEqual({ dataset: 'data', field: 'features' });
  // The first training rows of the CSV now flow along x → fc1: 4 of the file's (a, b) pairs.
  const rows = good.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).map(Number).join(','));
  await expect.poll(async () => {
    const shown = JSON.parse((await edgeValue(page, 'e-x-fc1'))!) as { shape: number[]; data: number[] };
    const pairs = Array.from({ length: shown.shape[0]! }, (_, r) => `${shown.data[2 * r]},${shown.data[2 * r + 1]}`);
    return pairs.length === 4 && pairs.every((p) => rows.includes(p));
  }).toBe(true);
});

test('binding the lecture example to the sine generator, then unbinding it back to fixed values', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await selectNode(page, 'x');
  await expect(page.getByTestId('dataset-fixed')).toContainText('[1, 1]');
  await page.getByTestId('dataset-bind-open').click();
  await page.getByTestId('dataset-generator').selectOption('sine');
  await page.getByTestId('dataset-size').fill('2');
  await expect(page.getByTestId('dataset-size-error')).toHaveText('at least 4');
  await expect(page.getByTestId('dataset-bind')).toBeDisabled();
  await page.getByTestId('dataset-size').fill('50');
  await expect(page.getByTestId('dataset-bind-others')).toBeChecked();
  await page.screenshot({ path: 'test-results/data-ui-bind-form.png' });
  await page.getByTestId('dataset-bind').click();

  const bound = await getDocument(page);
  expect(bound.datasets).toEqual({ data: { source: 'generated', generator: 'sine', size: 50, seed: 1, testFraction: 0.2 } });
  expect(bound.nodes.find((n) => n.id === 'y')!.binding).toEqual({ dataset: 'data', field: 'labels' });
  await waitForRun(page);
  await expect.poll(async () => (JSON.parse((await edgeValue(page, 'e-x-w1')) ?? '{}') as { shape?: number[] }).shape).toEqual([4, 1]);
  const shown = await edgeValue(page, 'e-x-w1');

  await page.getByTestId('dataset-unbind').click();
  const plain = await getDocument(page);
  expect(plain.datasets).toBeUndefined();
  expect(plain.nodes.some((n) => n.binding !== undefined)).toBe(false);
  expect(plain.nodes.find((n) => n.id === 'x')!.value!.shape).toEqual([4, 1]);
  await waitForRun(page);
  await expect(page.getByTestId('dataset-fixed')).toContainText('[4, 1]');
  expect(await edgeValue(page, 'e-x-w1')).toBe(shown);
});
