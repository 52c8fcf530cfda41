// The Jacobian, Hessian and gradient-check panels show the numbers the engine and the CLI compute
// for the lecture example, independently of the page (engine run in Node, CLI in a child process).
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { compileGraph, gradientCheck, parseGraphFile } from '../../../engine/index.ts';
import { readFileSync } from 'node:fs';
import { waitForRun } from '../helpers.ts';

const lecture = () => parseGraphFile(readFileSync('examples/lecture-two-layer.bpgraph', 'utf8'));
const json = async (page: Page, testId: string): Promise<unknown> => JSON.parse((await page.getByTestId(testId).getAttribute('data-value'))!);

test('Jacobian panel: the engine\'s local Jacobians of w2, and upstream · J equals the edge gradient', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w2').click();
  await page.getByRole('tab', { name: 'Jacobian' }).click();
  await expect(page.getByTestId('jacobian-matrix-in')).toBeVisible();

  const program = compileGraph(lecture());
  program.run();
  const jIn = program.jacobian('w2', 0, { input: 'in' }), jW = program.jacobian('w2', 0, { param: 'W' });
  expect(await json(page, 'jacobian-matrix-in')).toEqual({ rows: jIn.rows, cols: jIn.cols, data: Array.from(jIn.data) });
  expect(await json(page, 'jacobian-param-W')).toEqual({ rows: jW.rows, cols: jW.cols, data: Array.from(jW.data) });
  expect(await json(page, 'jacobian-upstream-in')).toEqual(Array.from(program.node('w2').frame.gradOut.data));
  const edge = program.edges.find((e) => e.id === 'e-h1-w2')!;
  expect(await json(page, 'jacobian-edge-in')).toEqual(Array.from(edge.grad.data));
  expect(Number(await page.getByTestId('jacobian-diff-in').getAttribute('data-value'))).toBeLessThan(1e-15);
  await expect(page.getByTestId('jacobian-diff-in')).toContainText('✓');
  await page.screenshot({ path: 'test-results/jacobian-panel.png' });
});

test('Hessian panel: the CLI\'s Hessian for w1.W and w2.W, its symmetry and eigenvalues', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByRole('tab', { name: 'Hessian' }).click();
  await page.getByRole('checkbox', { name: 'w1.W (1)' }).check();
  await page.getByRole('checkbox', { name: 'w2.W (1)' }).check();
  await page.getByRole('button', { name: 'Compute Hessian' }).click();
  await expect(page.getByTestId('hessian-matrix')).toBeVisible();

  const cli = JSON.parse(execFileSync('npx', ['tsx', 'cli/main.ts', 'hessian', 'examples/lecture-two-layer.bpgraph', '--params', 'w1.W,w2.W', '--json'], { encoding: 'utf8', timeout: 60_000 })) as { hessian: { data: number[] } };
  expect(await json(page, 'hessian-matrix')).toEqual({ rows: 2, cols: 2, data: cli.hessian.data });
  const [a, b, c, d] = cli.hessian.data as [number, number, number, number];
  expect(Number(await page.getByTestId('hessian-asymmetry').getAttribute('data-value'))).toBe(Math.abs(b - c));
  // Closed form for a symmetric 2×2 matrix, independent of the panel's Jacobi routine.
  const mid = (a + d) / 2, r = Math.hypot((a - d) / 2, b);
  expect(Number(await page.getByTestId('hessian-eig-min').getAttribute('data-value'))).toBeCloseTo(mid - r, 14);
  expect(Number(await page.getByTestId('hessian-eig-max').getAttribute('data-value'))).toBeCloseTo(mid + r, 14);
  await page.screenshot({ path: 'test-results/hessian-panel.png' });
});

test('Gradient check marks every checked node with the engine\'s verdict and shows analytic and numeric side by side', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByRole('tab', { name: 'Gradient check' }).click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  await expect(page.getByTestId('gradcheck-summary')).toHaveAttribute('data-passed', 'true');
  const report = gradientCheck(compileGraph(lecture()));
  for (const n of report.nodes) {
    await expect(page.getByTestId(`gradcheck-badge-${n.nodeId}`)).toHaveAttribute('data-verdict', n.verdict);
    for (const t of n.tensors) {
      const row = page.getByTestId(`gradcheck-row-${n.nodeId}-${t.name}`);
      await expect(row).toHaveAttribute('data-verdict', t.verdict);
      expect(Number(await row.getAttribute('data-analytic'))).toBe(t.worst.analytic);
      // Chromium's and Node's Math.exp may round differently in the last bit, which a difference quotient magnifies by 1/h.
      expect(Math.abs(Number(await row.getAttribute('data-numeric')) - t.worst.numeric)).toBeLessThanOrEqual(1e-8 * Math.abs(t.worst.numeric));
    }
  }
  await expect(page.getByTestId('gradcheck-badge-w1')).toHaveClass(/pass/);
  await page.screenshot({ path: 'test-results/gradcheck-panel.png' });
  // A new edit makes the result stale: the badges go away rather than mislead.
  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByLabel('Epochs').fill('3');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-progress-text')).toContainText('Done: epoch 3/3');
  await expect(page.getByTestId('gradcheck-badge-w1')).toHaveCount(0);
});
