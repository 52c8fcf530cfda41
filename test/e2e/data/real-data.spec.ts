// Real data in the browser: the iris and digits examples train from the Examples menu, and the Classes
// tab shows the confusion matrix the CLI prints for the same file and epochs, and the misclassified
// digits as pictures.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { getDocument, openExample, waitForRun } from '../helpers.ts';

async function trainFromPanel(page: Page, epochs: number): Promise<void> {
  await page.getByLabel('Epochs').fill(String(epochs));
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText(`Done: epoch ${epochs}/${epochs}`, { timeout: 90_000 });
}

function cliConfusion(file: string, epochs: number): number[][] {
  const out = execFileSync('npx', ['tsx', 'cli/main.ts', 'train', file, '--epochs', String(epochs), '--json'], { encoding: 'utf8', timeout: 120_000 });
  return (JSON.parse(out) as { confusion: { counts: number[][] } }).confusion.counts;
}

test('iris: the Classes tab shows the confusion matrix the CLI computes for the same training', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /Iris/);
  await waitForRun(page);
  await page.getByRole('tab', { name: 'Classes' }).click();
  await expect(page.getByTestId('classes-placeholder')).toBeVisible();
  await page.getByRole('tab', { name: 'Training' }).click();
  await trainFromPanel(page, 20);
  await page.getByRole('tab', { name: 'Classes' }).click();
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible();
  const shown = JSON.parse((await matrix.getAttribute('data-counts'))!) as number[][];
  expect(shown).toEqual(cliConfusion('examples/iris-mlp.bpgraph', 20));
  await expect(matrix.getByRole('columnheader', { name: 'virginica' })).toBeVisible();
  await expect(matrix.getByRole('rowheader', { name: 'setosa' })).toBeVisible();
});

test('digits: after one epoch the misclassified test images are drawn with actual → predicted', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await openExample(page, /digits/i);
  await waitForRun(page);
  await trainFromPanel(page, 1);
  await page.getByRole('tab', { name: 'Classes' }).click();
  const mistakes = page.getByTestId('mistakes');
  await expect(mistakes).toBeVisible();
  const count = Number(await mistakes.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  await expect(mistakes.locator('canvas')).toHaveCount(Math.min(24, count));
  await expect(mistakes.locator('li').first()).toHaveText(/^\d → \d$/);
  await page.screenshot({ path: 'test-results/classes-digits.png' });
});

test('an input node can be bound to a bundled dataset from the inspector; its size follows the dataset', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-x').click();
  await page.getByTestId('dataset-bind-open').click();
  await page.getByTestId('dataset-choice').selectOption('bundled:iris');
  await page.getByTestId('dataset-bind').click();
  await expect(page.getByTestId('dataset-summary')).toContainText('iris');
  await expect(page.getByTestId('dataset-summary')).toContainText('150 samples (120 train, 30 test) · 4 features, 3 label columns');
  const graph = await getDocument(page);
  expect(graph.datasets).toEqual({ data: { source: 'bundled', name: 'iris', seed: 1, testFraction: 0.2 } });
  expect(graph.nodes.find((n) => n.id === 'x')!.config).toMatchObject({ size: 4 });
});
