// Issue 10.10: Step mode reveals only what has been computed: the loss's L is hidden during Step 1
// and appears at the loss's forward step; a layer's ∂L/∂w appears at its backward step.
import { expect, test } from '@playwright/test';
import { waitForRun } from '../helpers.ts';

test('the loss and the weight gradients appear only when Step mode reaches them', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const loss = page.getByTestId('loss-loss');
  const dw1 = page.getByTestId('param-grad-line-w1-W');
  await expect(loss).toHaveText('L = 5.95256e-4');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const panel = page.getByTestId('step-panel');
  await expect(panel).toContainText('Step 1 / 14');
  await expect(loss).toHaveText('L = —');
  await expect(loss).toHaveAttribute('data-shown', 'false');
  await expect(dw1).toHaveText('∂L/∂w₁ = …');
  await expect(page.getByTestId('param-line-w1-W')).toHaveText('w₁ = 0.8');
  // Forward x, w1, h1, w2, h2, y, then the loss: step 7.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(panel).toContainText('Step 6 / 14');
  await expect(loss).toHaveText('L = —');
  await page.keyboard.press('ArrowRight');
  await expect(panel.locator('.step-panel__title')).toHaveText('Forward: loss (MSE loss)');
  await expect(loss).toHaveText('L = 5.95256e-4');
  await expect(page.getByTestId('param-grad-line-w2-W')).toHaveText('∂L/∂w₂ = …');
  // Backward: loss, h2, w2 — w2's gradient is now known, w1's not yet.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(panel.locator('.step-panel__title')).toHaveText('Backward: w2 (Linear)');
  await expect(page.getByTestId('param-grad-line-w2-W')).toHaveText('∂L/∂w₂ = 0.0054');
  await expect(dw1).toHaveText('∂L/∂w₁ = …');
  await page.keyboard.press('End');
  await expect(dw1).toHaveText('∂L/∂w₁ = −0.00225');
  await page.keyboard.press('Home');
  await expect(loss).toHaveText('L = —');
});
