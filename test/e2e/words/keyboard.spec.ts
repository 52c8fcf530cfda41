// Issue 10.15: the keyboard alone wires two ports (select a node, C, pick the target port from a
// list), edges take focus with a visible ring and can be deleted, and Step mode answers Home/End/Esc.
import { expect, test } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';

test('delete an edge from the keyboard, then wire it again with C and the port list', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  // Tab onto the canvas's first edge (edges are focusable), with a ring that shows it.
  const edge = page.locator('.react-flow__edge[data-id="e-x-w1"]');
  await expect(edge).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Tab');
  await edge.focus();
  await expect(edge).toBeFocused();
  await expect.poll(() => edge.locator('.react-flow__edge-path').evaluate((el) => getComputedStyle(el).strokeWidth)).toBe('4px');
  await page.keyboard.press('Enter');
  await expect(edge).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await getDocument(page)).edges.map((e) => e.id)).not.toContain('e-x-w1');
  await expect(page.getByTestId('unwired-w1')).toBeVisible();

  // Select x with the keyboard (focus it, Enter), press C and choose w1's input from the list.
  const x = page.locator('.react-flow__node[data-id="x"]');
  await x.focus();
  await page.keyboard.press('Enter');
  await expect(x).toHaveClass(/selected/);
  await page.keyboard.press('c');
  const picker = page.getByTestId('connect-picker');
  await expect(picker).toContainText('Connect x.out to…');
  const list = picker.getByRole('listbox');
  await expect(list).toBeFocused();
  const options = picker.getByRole('option');
  const labels = await options.allTextContents();
  const target = labels.indexOf('w1 · in (Linear)');
  expect(target).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  await expect(options.nth(target)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect.poll(async () => (await getDocument(page)).edges.some((e) => e.source === 'x' && e.target === 'w1' && e.targetPort === 'in')).toBe(true);
  await waitForRun(page, 'ok');
  await expect(page.getByTestId('param-grad-line-w1-W')).toHaveText('∂L/∂w₁ = −0.00225');
  await expect(x).toBeFocused();

  // Esc closes the list without wiring anything.
  await page.keyboard.press('c');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  expect((await getDocument(page)).edges).toHaveLength(6);
});

test('Step mode: End jumps to the last step, Home to the first, Esc leaves', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const panel = page.getByTestId('step-panel');
  await expect(panel).toContainText('Step 1 / 14');
  await page.keyboard.press('End');
  await expect(panel).toContainText('Step 14 / 14');
  await page.keyboard.press('Home');
  await expect(panel).toContainText('Step 1 / 14');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toHaveAttribute('aria-pressed', 'false');
});
