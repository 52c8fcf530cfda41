// Step mode walks the lecture example forward and back; the toolbar toggle picks what labels show.
import { expect, test } from '@playwright/test';
import { compileGraph, type RunResults } from '../../engine/index.ts';
import { getDocument, waitForRun } from './helpers.ts';

const sig4 = (x: number): string => String(Number(x.toPrecision(4)));

test('stepping through the lecture example forward and back shows the engine\'s numbers', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const program = compileGraph(await getDocument(page));
  program.run();
  const r: RunResults = program.results();

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const equation = page.getByTestId('step-equation');
  await expect(equation).toHaveAttribute('data-tex', /^x = 1\.5/);
  await expect(page.getByTestId('node-x')).toHaveClass(/step-current/);
  // Only what has been computed so far is on the edges: x's value, no gradients yet.
  await expect(page.getByTestId('edge-label-e-x-w1')).toHaveText(sig4(r.edges['e-x-w1']!.value.data[0]!));
  await expect(page.getByTestId('edge-label-e-h1-w2')).toHaveText('');

  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByTestId('node-h1')).toHaveClass(/step-current/);
  await expect(equation).toHaveAttribute('data-tex', new RegExp(`= ${sig4(r.nodes.h1!.output.data[0]!)}$`));
  await expect(page.getByTestId('edge-label-e-h1-w2')).toHaveText(sig4(r.edges['e-h1-w2']!.value.data[0]!));
  await page.screenshot({ path: 'test-results/step-mode-forward.png' });

  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(page.getByTestId('edge-label-e-x-w1')).toContainText(`∂ ${sig4(r.edges['e-x-w1']!.grad.data[0]!)}`);
  // Back from the end with ←: the step before the data nodes' is w1's backward step, with dL/dw1.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('node-w1')).toHaveClass(/step-current/);
  await expect(equation).toHaveAttribute('data-tex', new RegExp(sig4(r.nodes.w1!.params.W!.grad.data[0]!)));
  await page.screenshot({ path: 'test-results/step-mode-backward.png' });
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(page.getByTestId('edge-label-e-x-w1')).not.toContainText('∂');
  await expect(equation).toContainText('1.5');
});

test('the label toggle shows values, gradients, both or nothing', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const label = page.getByTestId('edge-label-e-w2-h2');
  await page.getByRole('button', { name: 'Values' }).click();
  await expect(label).toHaveText('-0.9222');
  await page.getByRole('button', { name: 'Gradients' }).click();
  await expect(label).toHaveText('∂ 0.007024');
  await page.getByRole('button', { name: 'Both' }).click();
  await expect(label).toHaveText('-0.9222∂ 0.007024');
  await page.getByRole('button', { name: 'Off' }).click();
  await expect(label).toHaveText('');
  // The exact numbers stay on the element for tools and tests whatever is shown.
  expect(JSON.parse((await label.getAttribute('data-grad'))!).shape).toEqual([1, 1]);
});
