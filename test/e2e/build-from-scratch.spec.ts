// A new user's first network, with real mouse input: palette drags, handle-to-handle wiring and
// inspector edits; the gradients on the edges must equal the engine's, run independently in Node.
import { expect, test } from '@playwright/test';
import { cliOracle, connect, dragFromPalette, engineOracle, getDocument, pickFromMenu, waitForRun } from './helpers.ts';

test('drag input → linear → sigmoid → mse ← target, set values, and read the engine\'s gradients off the edges', async ({ page }, testInfo) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const at = (dx: number, dy: number): [number, number] => [canvas.x + dx, canvas.y + dy];
  await dragFromPalette(page, 'input', ...at(120, 150));
  await dragFromPalette(page, 'linear', ...at(320, 150));
  await dragFromPalette(page, 'sigmoid', ...at(520, 150));
  await dragFromPalette(page, 'target', ...at(520, 330));
  await dragFromPalette(page, 'mse', ...at(730, 240));
  for (const id of ['input1', 'linear1', 'sigmoid1', 'target1', 'mse1']) await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  // The node lands where it was dropped (centred on the pointer, within a node's size).
  const linearBox = (await page.getByTestId('node-linear1').boundingBox())!;
  expect(Math.abs(linearBox.x + linearBox.width / 2 - (canvas.x + 320))).toBeLessThan(80);

  await connect(page, 'input1-out', 'linear1-in');
  await connect(page, 'linear1-out', 'sigmoid1-in');
  await connect(page, 'sigmoid1-out', 'mse1-pred');
  await connect(page, 'target1-out', 'mse1-target');
  await expect.poll(async () => (await getDocument(page)).edges.length).toBe(4);
  await waitForRun(page);

  await page.getByTestId('node-input1').click();
  await page.getByTestId('value-input1-0').fill('0.7');
  await page.getByTestId('value-input1-0').press('Enter');
  await page.getByTestId('node-target1').click();
  await page.getByTestId('value-target1-0').fill('0.2');
  await page.getByTestId('value-target1-0').press('Enter');
  await page.getByTestId('node-linear1').click();
  await page.getByTestId('param-linear1-W-0').fill('0.5');
  await page.getByTestId('param-linear1-W-0').press('Enter');
  await page.getByTestId('param-linear1-b-0').fill('-0.3');
  await page.getByTestId('param-linear1-b-0').press('Enter');

  const graph = await getDocument(page);
  expect(graph.nodes.find((n) => n.id === 'input1')!.value!.data).toEqual([0.7]);
  expect(graph.nodes.find((n) => n.id === 'linear1')!.params!.W!.data).toEqual([0.5]);
  const oracle = engineOracle(graph);
  expect(Object.keys(oracle.edges)).toHaveLength(4);
  // The command-line tool, a separate process reading the saved file, agrees to the last bit.
  const cli = cliOracle(graph, testInfo.outputPath('scratch.bpgraph'));
  for (const [id, e] of Object.entries(oracle.edges)) expect(cli.edges[id]!.grad).toEqual(e.grad);
  for (const edge of graph.edges) {
    const label = page.getByTestId(`edge-label-${edge.id}`);
    await expect.poll(async () => JSON.parse((await label.getAttribute('data-grad')) ?? 'null')).toEqual(oracle.edges[edge.id]!.grad);
    expect(JSON.parse((await label.getAttribute('data-value'))!)).toEqual(oracle.edges[edge.id]!.value);
  }
  // dL/dW and dL/db shown next to the values in the inspector.
  await expect(page.getByTestId('grad-linear1-W')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText(/run \d/);
  await page.screenshot({ path: 'test-results/built-from-scratch.png' });
});
