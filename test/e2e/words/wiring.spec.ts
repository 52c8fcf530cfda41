// Issue 10.11–10.12: building without the graph going red. A Linear's `in` follows what is wired into
// it, and a node dropped but not yet wired is marked on itself while the rest keeps running, stepping
// and training.
import { expect, test, type Page } from '@playwright/test';
import { clickAt, connect, dragFromPalette, getDocument, pickFromMenu, waitForRun } from '../helpers.ts';

/** Leaving Step mode refits the view with an animation: wait until two looks at it agree. */
async function viewSettled(page: Page): Promise<void> {
  let last: string | null = null;
  await expect.poll(async () => {
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    const same = now === last;
    last = now;
    return same;
  }).toBe(true);
}

test('a dangling Linear is "not wired yet"; the lecture example keeps its numbers, Step and Train', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const grad = await page.getByTestId('edge-label-e-h2-loss').getAttribute('data-grad');
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'linear', c.x + 420, c.y + 50);
  await expect(page.getByTestId('unwired-linear1')).toHaveText('not wired yetconnect: in');
  await expect(page.getByTestId('node-linear1')).toHaveClass(/not-wired/);
  await expect.poll(async () => Number(await page.getByTestId('status-bar').getAttribute('data-runs'))).toBeGreaterThan(1);
  await waitForRun(page, 'ok');
  const label = page.getByTestId('edge-label-e-h2-loss');
  await expect(label).not.toHaveClass(/stale/);
  expect(await label.getAttribute('data-grad')).toBe(grad);
  await expect(page.getByTestId('param-grad-line-w1-W')).toHaveText('∂L/∂w₁ = −0.00225');

  // Training runs on it too, and writes back the trained weights of the wired nodes only.
  const expand = page.getByRole('button', { name: 'Expand panel' });
  if (await expand.isVisible()) await expand.click();
  await page.getByLabel('Epochs').fill('5');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-writeback')).toContainText('written');
  const doc = await getDocument(page);
  expect(doc.nodes.find((n) => n.id === 'w1')!.params!.W!.data[0]).not.toBe(0.8);
  expect(doc.nodes.some((n) => n.id === 'linear1')).toBe(true);

  // The Hessian panel offers the wired part's parameters only, as every run leaves linear1 out.
  await clickAt(page, page.getByRole('tab', { name: 'Hessian' }));
  const params = page.getByTestId('hessian-panel').getByRole('checkbox');
  await expect(params).toHaveCount(2);
  expect(await params.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['w1.W (1)', 'w2.W (1)']);
  await clickAt(page, page.getByRole('tab', { name: 'Training' }));

  // Step mode walks the wired part.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled();
  await step.click();
  await expect(page.getByTestId('step-panel')).toContainText('Step 1 / 14');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('step-panel')).toHaveCount(0);

  // Wiring it in: its `in` follows x (size 1) and the mark goes.
  await viewSettled(page);
  await connect(page, 'x-out', 'linear1-in');
  await expect(page.getByTestId('unwired-linear1')).toHaveCount(0);
  await expect(page.getByTestId('off-loss-linear1')).toBeVisible();
});

test('a Linear\'s in follows the input wired into it, and the next layer follows the first', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'input', c.x + 120, c.y + 160);
  await page.getByTestId('config-size').fill('3');
  await page.getByTestId('config-size').press('Enter');
  await dragFromPalette(page, 'linear', c.x + 380, c.y + 160);
  await dragFromPalette(page, 'linear', c.x + 640, c.y + 160);
  await connect(page, 'linear1-out', 'linear2-in');
  await connect(page, 'input1-out', 'linear1-in');
  await expect(page.getByTestId('node-linear1')).toContainText('Linear 3→1');
  await expect(page.getByTestId('refusal')).toHaveCount(0);
  await page.getByTestId('node-linear1').click();
  await expect(page.getByTestId('config-in-follows')).toHaveText('in follows what is wired into it: input1.');
  await page.getByTestId('config-out').fill('4');
  await page.getByTestId('config-out').press('Enter');
  await expect(page.getByTestId('node-linear2')).toContainText('Linear 4→1');
  const doc = await getDocument(page);
  expect(doc.nodes.find((n) => n.id === 'linear2')!.params!.W!.shape).toEqual([1, 4]);
  await waitForRun(page, 'ok');
});
