// Issue 13.3: write a formula module in the inspector, with real mouse and keyboard input: a typo is
// named at its column with a suggestion, the fixed expression shows its derived partials in KaTeX, the
// input names become the node's handles, the gradients on its edges are the engine's, and renaming an
// input moves its edge instead of leaving it on a port that no longer exists.
import { expect, test } from '@playwright/test';
import { connect, dragFromPalette, engineOracle, getDocument, pickFromMenu, waitForRun } from '../helpers.ts';

test('write x·σ(y) + ½x² in the inspector, see its partials, wire it, and rename an input', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const at = (dx: number, dy: number): [number, number] => [canvas.x + dx, canvas.y + dy];
  // all above the legend at the canvas' foot
  await dragFromPalette(page, 'input', ...at(100, 60));
  await dragFromPalette(page, 'input', ...at(100, 200));
  await dragFromPalette(page, 'formula', ...at(370, 110));
  await dragFromPalette(page, 'target', ...at(370, 260));
  await dragFromPalette(page, 'mse', ...at(640, 180));
  for (const id of ['input1', 'input2', 'formula1', 'target1', 'mse1']) await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  await page.getByTestId('node-formula1').click();
  const expression = page.getByTestId('formula-expression');
  await expect(expression).toHaveValue('x');
  // The inputs first: the node grows a handle per name.
  await page.getByTestId('formula-inputs').fill('x, y');
  await page.getByTestId('formula-inputs').press('Enter');
  await expect(page.getByTestId('handle-formula1-y')).toBeVisible();

  // A typo is named where it is, while typing, and nothing is committed.
  await expression.fill('x * sigmod(y) + 0.5 * x^2');
  const error = page.getByTestId('formula-error');
  await expect(error).toContainText('unknown function `sigmod` at column 5 — did you mean `sigmoid`?');
  await expect(error).toHaveAttribute('data-column', '5');
  await expression.press('Enter');
  expect((await getDocument(page)).nodes.find((n) => n.id === 'formula1')!.config).toMatchObject({ expression: 'x' });

  await expression.fill('x * sigmoid(y) + 0.5 * x^2');
  await expect(error).toHaveCount(0);
  await expression.press('Enter');
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'formula1')!.config)
    .toMatchObject({ expression: 'x * sigmoid(y) + 0.5 * x^2', inputs: ['x', 'y'] });
  // The derived partials, rendered by KaTeX: ∂f/∂x = σ(y) + x, ∂f/∂y = x σ(y)(1 − σ(y)).
  const dx = page.getByTestId('formula-partial-x'), dy = page.getByTestId('formula-partial-y');
  await expect(dx).toHaveAttribute('data-tex', '\\sigma\\left(y\\right) + x');
  await expect(dy).toHaveAttribute('data-tex', 'x \\cdot \\sigma\\left(y\\right) \\cdot \\left(1 - \\sigma\\left(y\\right)\\right)');
  await expect(dx.locator('.katex')).toBeVisible();
  await expect(dy.locator('.katex')).toContainText('σ');

  const wires: [string, string][] = [['target1-out', 'mse1-target'], ['input1-out', 'formula1-x'], ['input2-out', 'formula1-y'], ['formula1-out', 'mse1-pred']];
  for (const [i, [from, to]] of wires.entries()) {
    await connect(page, from, to);
    await expect.poll(async () => (await getDocument(page)).edges.map((e) => `${e.source}-out → ${e.target}-${e.targetPort}`), `wired ${from} → ${to}`).toHaveLength(i + 1);
  }
  for (const [id, v] of [['input1', '0.7'], ['input2', '-0.4'], ['target1', '0.2']] as const) {
    await page.getByTestId(`node-${id}`).click();
    await page.getByTestId(`value-${id}-0`).fill(v);
    await page.getByTestId(`value-${id}-0`).press('Enter');
  }
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'target1')!.value!.data).toEqual([0.2]);
  await waitForRun(page);

  // The gradients on the formula's input edges are the engine's, run independently in Node.
  const graph = await getDocument(page);
  const oracle = engineOracle(graph);
  for (const edge of graph.edges) {
    const label = page.getByTestId(`edge-label-${edge.id}`);
    await expect.poll(async () => JSON.parse((await label.getAttribute('data-grad')) ?? 'null')).toEqual(oracle.edges[edge.id]!.grad);
  }

  // Renaming y → gate renames it in the expression and moves the edge onto the new port.
  await page.getByTestId('node-formula1').click();
  await page.getByTestId('formula-inputs').fill('x, gate');
  await page.getByTestId('formula-inputs').press('Enter');
  await expect(page.getByTestId('handle-formula1-gate')).toBeVisible();
  await expect(page.getByTestId('handle-formula1-y')).toHaveCount(0);
  await expect(expression).toHaveValue('x * sigmoid(gate) + 0.5 * x^2');
  const renamed = await getDocument(page);
  expect(renamed.edges.filter((e) => e.target === 'formula1').map((e) => [e.source, e.targetPort]).sort()).toEqual([['input1', 'x'], ['input2', 'gate']]);
  await waitForRun(page);
  await expect(page.getByTestId('formula-partial-gate')).toBeVisible();
  await page.screenshot({ path: 'test-results/formula-module.png' });
});
