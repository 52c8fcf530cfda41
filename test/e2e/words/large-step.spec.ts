// Issue 10.17: Step mode on a 40-node chain keeps the current node in view (the canvas pans to it),
// and a long equation wraps inside the panel instead of running off its edge.
import { expect, test, type Page } from '@playwright/test';
import { serializeGraph, type Graph, type GraphEdge, type GraphNode } from '../../../engine/index.ts';
import { waitForRun } from '../helpers.ts';
import { openViaPicker, withoutFsAccessPickers } from '../files/files-helpers.ts';

/** x → (linear, tanh) × 19 → mse ← y: 41 nodes on one row, 260 px apart, so no fit shows them all readably. */
function chain(longNames: boolean): Graph {
  const nodes: GraphNode[] = [{ id: 'x', kind: 'input', position: { x: 0, y: 0 }, config: { size: 1 }, value: { shape: [1, 1], data: [0.5] } }];
  const edges: GraphEdge[] = [];
  let prev = 'x';
  for (let i = 1; i <= 19; i++) {
    for (const [id, kind] of [[`w${i}`, 'linear'], [`h${i}`, 'tanh']] as const) {
      const node: GraphNode = { id, kind, position: { x: nodes.length * 260, y: 0 } };
      if (kind === 'linear') Object.assign(node, { config: { in: 1, out: 1, bias: false }, params: { W: { shape: [1, 1], data: [1.1] } } });
      if (longNames && kind === 'tanh') node.name = `activation_of_hidden_layer_number_${i}_of_the_deep_chain`;
      nodes.push(node);
      edges.push({ id: `e-${prev}-${id}`, source: prev, sourcePort: 'out', target: id, targetPort: 'in' });
      prev = id;
    }
  }
  nodes.push({ id: 'y', kind: 'target', position: { x: nodes.length * 260, y: 200 }, config: { size: 1 }, value: { shape: [1, 1], data: [0.2] } });
  nodes.push({ id: 'loss', kind: 'mse', position: { x: nodes.length * 260, y: 0 }, config: { reduction: 'sum' } });
  edges.push({ id: 'e-last-loss', source: prev, sourcePort: 'out', target: 'loss', targetPort: 'pred' }, { id: 'e-y-loss', source: 'y', sourcePort: 'out', target: 'loss', targetPort: 'target' });
  return { name: 'chain', seed: 1, nodes, edges };
}

async function open(page: Page, graph: Graph): Promise<void> {
  await withoutFsAccessPickers(page);
  await page.goto('/');
  await waitForRun(page);
  await openViaPicker(page, { name: 'chain.bpgraph', mimeType: 'application/json', buffer: Buffer.from(serializeGraph(graph)) });
  await expect(page.getByTestId('node-h19')).toBeAttached();
  await waitForRun(page);
}

/** Whether the step's current node lies wholly inside the canvas. */
async function currentInView(page: Page): Promise<boolean> {
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const node = await page.locator('.bps-node.step-current').boundingBox();
  return !!node && node.x >= canvas.x - 4 && node.y >= canvas.y - 4 && node.x + node.width <= canvas.x + canvas.width + 4 && node.y + node.height <= canvas.y + canvas.height + 4;
}

test('on a 40-node chain the view follows the current step\'s node, forward and backward', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await open(page, chain(false));
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const panel = page.getByTestId('step-panel');
  await expect(panel).toContainText('Step 1 / ');
  await expect.poll(() => currentInView(page)).toBe(true);
  // Far along the chain, forward: h19 is the 39th node.
  for (let i = 0; i < 38; i++) await page.keyboard.press('ArrowRight');
  await expect(panel.locator('.step-panel__title')).toHaveText('Forward: h19 (Tanh)');
  await expect(page.getByTestId('node-h19').locator('..')).toBeAttached();
  await expect.poll(() => currentInView(page)).toBe(true);
  // Back at the start of the chain, going backward: w1's backward step is the one before the data nodes'.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(panel.locator('.step-panel__title')).toHaveText('Backward: w1 (Linear)');
  await expect.poll(() => currentInView(page)).toBe(true);
  await page.screenshot({ path: 'test-results/words-step-follow.png' });
});

test('a long equation wraps inside the Step panel at 1100×700', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await open(page, chain(true));
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const panel = page.getByTestId('step-panel');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(panel.locator('.step-panel__title')).toHaveText('Forward: activation_of_hidden_layer_number_2_of_the_deep_chain (Tanh)');
  const equation = page.getByTestId('step-equation');
  const line = equation.locator('.step-panel__line').first();
  // It fits the panel's width, on more than one line of text.
  await expect.poll(() => equation.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const box = (await line.boundingBox())!, panelBox = (await equation.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panelBox.x + panelBox.width + 1);
  const base = await line.locator('.katex .katex-base').count();
  expect(base).toBeGreaterThan(1);
  const tops = await line.locator('.katex .katex-base').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
  expect(tops).toBeGreaterThan(1);
  await equation.screenshot({ path: 'test-results/words-long-equation.png' });
});
