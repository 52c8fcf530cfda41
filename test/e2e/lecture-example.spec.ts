// Opening the app shows the lecture example already run, with values and gradients on its edges.
import { expect, test } from '@playwright/test';
import { engineOracle, waitForRun } from './helpers.ts';

test('opens on the lecture example with the engine\'s gradients on every edge', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await expect(page.getByTestId('node-w1')).toContainText('Linear 1→1');
  const graph = await page.evaluate(() => (globalThis as unknown as BpsWindow).__bps.getDocument());
  const oracle = engineOracle(graph);
  expect(Object.keys(oracle.edges)).toHaveLength(6);
  for (const [id, expected] of Object.entries(oracle.edges)) {
    const label = page.getByTestId(`edge-label-${id}`);
    expect(JSON.parse((await label.getAttribute('data-grad'))!)).toEqual(expected.grad);
    expect(JSON.parse((await label.getAttribute('data-value'))!)).toEqual(expected.value);
  }
  await expect(page.getByTestId('status-bar')).toContainText('run');
  await page.screenshot({ path: 'test-results/lecture-example.png' });
});
