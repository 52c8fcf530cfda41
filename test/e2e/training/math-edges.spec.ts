// Exact at the edges, as a user meets it (issue 8.13–15): bce fed a linear layer's raw outputs says why
// on the node and in the training panel; a saturated sigmoid → bce is marked with the clamp warning and
// bce_logits is in the palette; the gradient check says "not differentiable here" at relu(0).
import { expect, test, type Page } from '@playwright/test';
import { serializeGraph, type Graph, type GraphNode } from '../../../engine/index.ts';
import { openViaPicker, textFile, withoutFsAccessPickers } from '../files/files-helpers.ts';
import { dragFromPalette, waitForRun } from '../helpers.ts';

const at = (node: GraphNode, x: number): GraphNode => ({ ...node, position: { x, y: 120 } });
const data = (id: string, kind: 'input' | 'target', rows: number[][]): GraphNode => ({ id, kind, config: { size: rows[0]!.length }, value: { shape: [rows.length, rows[0]!.length], data: rows.flat() } });
const linear = (id: string, W: number[], b: number[]): GraphNode => ({ id, kind: 'linear', config: { in: 1, out: W.length }, params: { W: { shape: [W.length, 1], data: W }, b: { shape: [b.length], data: b } } });
const wire = (source: string, target: string, port: string) => ({ id: `${source}-${target}`, source, sourcePort: 'out', target, targetPort: port });
const training = { optimizer: 'sgd' as const, learningRate: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, epochs: 5, batchSize: 2, seed: 1 };

function file(name: string, nodes: GraphNode[], edges: ReturnType<typeof wire>[]) {
  const g: Graph = { name, nodes: nodes.map((n, i) => at(n, 40 + 220 * i)), edges, training };
  return textFile(`${name}.bpgraph`, serializeGraph(g));
}

async function open(page: Page, f: ReturnType<typeof file>): Promise<void> {
  await openViaPicker(page, f);
  await expect(page).toHaveTitle(`${f.name} — Backprop Studio`);
  await waitForRun(page);
}

test.beforeEach(async ({ page }) => {
  await withoutFsAccessPickers(page);
  await page.goto('/');
  await waitForRun(page);
});

test('bce fed a linear layer\'s raw outputs: the node and the training panel name the cause', async ({ page }) => {
  await open(page, file('linear-into-bce',
    [data('x', 'input', [[1], [-1]]), linear('fc', [1], [0.7]), data('y', 'target', [[1], [0]]), { id: 'loss', kind: 'bce' }],
    [wire('x', 'fc', 'in'), wire('fc', 'loss', 'pred'), wire('y', 'loss', 'target')]));
  const message = page.getByTestId('run-error-loss');
  await expect(message).toContainText('port "pred": 1.7 (sample 0, feature 0) and 1 more value are outside [0, 1]');
  await expect(message).toContainText('put a sigmoid before it, or wire the raw scores into bce_logits');
  await expect(page.getByTestId('node-loss')).toHaveClass(/has-error/);
  await page.screenshot({ path: 'test-results/bce-outside-domain.png' });

  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByRole('button', { name: 'Train' }).click();
  const error = page.getByTestId('training-error');
  await expect(error).toContainText('outside [0, 1]');
  await expect(error).toHaveAttribute('data-node', 'loss');
  await expect(error).not.toContainText('learning rate');
});

test('a saturated sigmoid into bce is marked with the clamp warning; bce_logits is in the palette', async ({ page }) => {
  await open(page, file('saturated',
    [data('x', 'input', [[1]]), linear('fc', [40], [0]), { id: 'p', kind: 'sigmoid' }, data('y', 'target', [[1]]), { id: 'loss', kind: 'bce' }],
    [wire('x', 'fc', 'in'), wire('fc', 'p', 'in'), wire('p', 'loss', 'pred'), wire('y', 'loss', 'target')]));
  const warning = page.getByTestId('warning-loss');
  await expect(warning).toContainText('within 1e-12 of 0 or 1, where BCE is clamped');
  await expect(warning).toContainText('bce_logits');
  await expect(page.getByTestId('node-loss')).toHaveClass(/has-warning/);
  await expect(page.getByTestId('node-p')).not.toHaveClass(/has-warning/);
  await page.screenshot({ path: 'test-results/bce-clamp-warning.png' });

  const box = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'bce_logits', box.x + box.width / 2, box.y + box.height - 80);
  const added = page.locator('[data-kind="bce_logits"]');
  await expect(added).toHaveCount(1);
  await expect(added.locator('.bps-port-in')).toHaveText(['logits', 'target']);
});

test('the gradient check says "not differentiable here" at relu(0) and shows analytic and numeric', async ({ page }) => {
  await open(page, file('relu-at-zero',
    [data('x', 'input', [[1]]), linear('l', [0, 1], [0, 0]), { id: 'r', kind: 'relu' }, data('y', 'target', [[0.5, 0.5]]), { id: 'loss', kind: 'mse' }],
    [wire('x', 'l', 'in'), wire('l', 'r', 'in'), wire('r', 'loss', 'pred'), wire('y', 'loss', 'target')]));
  await page.getByRole('tab', { name: 'Gradient check' }).click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  await expect(page.getByTestId('gradcheck-summary')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('gradcheck-summary')).toContainText('at a kink, not differentiable there');
  const row = page.getByTestId('gradcheck-row-l-W');
  await expect(row).toHaveAttribute('data-verdict', 'kink');
  await expect(row).toContainText('not differentiable here');
  expect(Number(await row.getAttribute('data-analytic'))).toBe(0); // relu's derivative at 0 is taken as 0
  expect(Number(await row.getAttribute('data-numeric'))).toBeCloseTo(-0.25, 6); // half the slope of one side
  await expect(page.getByTestId('gradcheck-badge-r')).toHaveAttribute('data-verdict', 'kink');
  await expect(page.getByTestId('gradcheck-row-loss-in:pred')).toHaveAttribute('data-verdict', 'ok');
  await page.screenshot({ path: 'test-results/gradcheck-kink.png' });
});
