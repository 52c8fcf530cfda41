// Issue 10.7–10.9: the canvas, Step mode and the Jacobian panel speak the lecture's notation, and a
// node renamed on the canvas is called by its name everywhere.
import { expect, test } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';

test('the lecture example reads w₁ = 0.8 and ∂L/∂w₁ = −0.00225 on its node, with no click', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await expect(page.getByTestId('param-line-w1-W')).toHaveText('w₁ = 0.8');
  await expect(page.getByTestId('param-grad-line-w1-W')).toHaveText('∂L/∂w₁ = −0.00225');
  await expect(page.getByTestId('param-line-w2-W')).toHaveText('w₂ = −1.2');
  await expect(page.getByTestId('param-grad-line-w2-W')).toHaveText('∂L/∂w₂ = 0.0054');
  await expect(page.getByTestId('node-w1')).toContainText('Linear 1→1');
});

test('a node renamed by double-clicking its title keeps its id and is called by its name in Step mode', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('name-h2').dblclick();
  const field = page.getByTestId('rename-h2');
  await expect(field).toBeFocused();
  await field.fill('output');
  await field.press('Enter');
  await expect(page.getByTestId('name-h2')).toHaveText('output');
  const doc = await getDocument(page);
  expect(doc.nodes.find((n) => n.id === 'h2')).toMatchObject({ id: 'h2', name: 'output' });
  expect(doc.edges.some((e) => e.source === 'h2')).toBe(true);
  await waitForRun(page);

  // F2 renames the selected node too; Esc leaves the name as it was.
  await page.getByTestId('node-h1').click();
  await page.keyboard.press('F2');
  await expect(page.getByTestId('rename-h1')).toBeFocused();
  await page.keyboard.type('nothing');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('name-h1')).toHaveText('h1');

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const title = page.locator('.step-panel__title');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(title).toHaveText('Forward: output (Sigmoid)');
  await expect(page.getByTestId('step-equation')).toHaveAttribute('data-tex', /^\\text\{output\} = \\sigma\(w_\{2\}\\,h_\{1\}\)/);
  // Undo brings the old name back.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('name-h2')).toHaveText('h2');
});

test('one notation: the Jacobian panel calls w2\'s upstream gradient ∂L/∂z₂ = 0.007024, Step mode ∂L/∂w₂ = 0.005398', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w2').click();
  await page.getByRole('tab', { name: 'Jacobian' }).click();
  const upstream = page.getByTestId('jacobian-upstream-in');
  await expect(upstream).toContainText('∂L/∂z₂[0] (upstream)');
  const [dLdz2] = JSON.parse((await upstream.getAttribute('data-value'))!) as number[];
  expect(dLdz2!.toPrecision(4)).toBe('0.007024');
  await expect(page.getByTestId('jacobian-panel')).not.toContainText('∂L/∂w2');
  await expect(page.getByTestId('jacobian-matrix-in')).toContainText('∂z₂/∂h₁');
  await expect(page.getByTestId('jacobian-param-W')).toContainText('∂z₂/∂w₂');

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Jump to end' }).click();
  // Backward steps run loss, h2, w2, …: w2's is the fourth from the end's start.
  const tex = page.getByTestId('step-equation');
  while (!(await page.locator('.step-panel__title').textContent())?.startsWith('Backward: w2')) await page.keyboard.press('ArrowLeft');
  await expect(tex).toHaveAttribute('data-tex', /\\frac\{\\partial L\}\{\\partial w_\{2\}\} = .* = 0\.005398/);
  await expect(tex).toHaveAttribute('data-tex', /\\frac\{\\partial L\}\{\\partial z_\{2\}\} = 0\.007024/);
});
