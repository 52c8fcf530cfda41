// Issue 13.4, "an instance opens to show its inside": group three nodes of the lecture example,
// double-click the instance, see its inner nodes laid out with the module's ports as markers and an
// inner edge's label carrying the run's value for "m1/…", go Back with the mouse on the breadcrumb:
// the outer graph, its viewport and its undo history are as they were. Open (node, inspector) and Esc
// do the same; a module inside a module opens further.
import { expect, test, type Page } from '@playwright/test';
import { compileGraph, toJson } from '../../../engine/index.ts';
import { clickAt, engineOracle, getDocument, restPointer, waitForRun } from '../helpers.ts';

/** The undo history's labels (renderer/main.tsx). */
const history = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { __bps: { getHistory(): string[] } }).__bps.getHistory());
/** Selects nodes with a click and Shift-clicks on their names, then Group as module. */
async function group(page: Page, ids: string[], instance: string): Promise<void> {
  await clickAt(page, page.getByTestId(`name-${ids[0]}`));
  await page.keyboard.down('Shift');
  for (const id of ids.slice(1)) await clickAt(page, page.getByTestId(`name-${id}`));
  await page.keyboard.up('Shift');
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('.react-flow__node.selected').length)).toBe(ids.length);
  await clickAt(page, page.getByTestId('group-as-module'));
  await restPointer(page);
  await expect(page.getByTestId(`node-${instance}`)).toBeVisible();
  await waitForRun(page);
}

/** Double-clicks a node on its shape line (a double-click on its title renames it). */
async function doubleClick(page: Page, testId: string): Promise<void> {
  const box = (await page.getByTestId(testId).locator('.bps-node-shape').boundingBox())!;
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
}

const outerViewport = (page: Page) => page.getByTestId('canvas').locator('> .react-flow .react-flow__viewport');

test('double-click a module instance: its inside with that instance\'s values, Back leaves the outer graph as it was', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await group(page, ['w1', 'h1', 'w2'], 'm1');

  const doc = await getDocument(page);
  const undo = await history(page);
  expect(undo).toEqual(['group as module']);
  const viewport = await outerViewport(page).getAttribute('style');

  await doubleClick(page, 'node-m1');
  await expect(page.getByTestId('inside-canvas')).toBeVisible();
  await expect(page.getByTestId('inside-breadcrumb')).toContainText('Graph › m1 (module1)');
  await expect(page.getByTestId('inside-readonly')).toHaveText('read-only: edit with Ungroup');
  await expect(page.getByTestId('node-m1')).toBeHidden();
  for (const id of ['w1', 'h1', 'w2']) await expect(page.getByTestId(`inner-node-m1/${id}`)).toBeVisible();
  await expect(page.getByTestId('inside-port-input-in')).toBeVisible();
  await expect(page.getByTestId('inside-port-output-out')).toBeVisible();
  // Laid out left to right: the input marker, w1, h1, w2, the output marker.
  const xs = await Promise.all(['inside-port-input-in', 'inner-node-m1/w1', 'inner-node-m1/h1', 'inner-node-m1/w2', 'inside-port-output-out'].map(async (t) => (await page.getByTestId(t).boundingBox())!.x));
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);

  // The inner edge w1 → h1 carries m1/w1's output of the run; the boundary edge the value entering m1.
  const program = compileGraph(doc);
  program.run();
  const w1 = toJson(program.results().nodes['m1/w1']!.output);
  const label = page.getByTestId('edge-label-m1/e-w1-h1');
  await expect(label).toBeVisible();
  expect(JSON.parse((await label.getAttribute('data-value'))!)).toEqual(w1);
  const oracle = engineOracle(doc);
  expect(JSON.parse((await label.getAttribute('data-grad'))!)).toEqual(oracle.edges['m1/e-w1-h1']!.grad);
  expect(JSON.parse((await page.getByTestId('edge-label-m1/#in:in').getAttribute('data-value'))!)).toEqual(oracle.edges['e-x-w1']!.value);
  await expect(page.getByTestId('inner-value-m1/h1')).toContainText('=');
  await page.screenshot({ path: 'test-results/module-inside.png' });

  // Back, with the mouse on the breadcrumb's Back button.
  await clickAt(page, page.getByTestId('inside-back'));
  await expect(page.getByTestId('inside-canvas')).toHaveCount(0);
  await expect(page.getByTestId('node-m1')).toBeVisible();
  await expect(outerViewport(page)).toHaveAttribute('style', viewport ?? '');
  expect(await getDocument(page)).toEqual(doc);
  expect(await history(page)).toEqual(undo);

  // The node's Open button opens it too; Esc goes back.
  await clickAt(page, page.getByTestId('open-inside-m1'));
  await expect(page.getByTestId('inner-node-m1/w2')).toBeVisible();
  await restPointer(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inside-canvas')).toHaveCount(0);
  await expect(page.getByTestId('node-m1')).toBeVisible();
  // And the instance's inspector has Open as well.
  await clickAt(page, page.getByTestId('name-m1'));
  await clickAt(page, page.getByTestId('inspector-open-inside'));
  await expect(page.getByTestId('inner-node-m1/h1')).toBeVisible();
  await restPointer(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inside-canvas')).toHaveCount(0);
  await expect(outerViewport(page)).toHaveAttribute('style', viewport ?? '');
  expect(await getDocument(page)).toEqual(doc);
  expect(await history(page)).toEqual(undo);
});

test('a module inside a module opens further: the breadcrumb grows, the inner labels are those of m2/m1', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await group(page, ['w1', 'h1'], 'm1');
  await group(page, ['m1', 'w2'], 'm2');
  const doc = await getDocument(page);
  const undo = await history(page);
  const viewport = await outerViewport(page).getAttribute('style');

  await doubleClick(page, 'node-m2');
  await expect(page.getByTestId('inner-node-m2/w2')).toBeVisible();
  await doubleClick(page, 'inner-node-m2/m1');
  await expect(page.getByTestId('inside-breadcrumb')).toContainText('Graph › m2 (module2) › m1 (module1)');
  await expect(page.getByTestId('inner-node-m2/m1/h1')).toBeVisible();
  await expect(page.getByTestId('inner-node-m2/w2')).toHaveCount(0);
  const oracle = engineOracle(doc);
  const label = page.getByTestId('edge-label-m2/m1/e-w1-h1');
  await expect(label).toBeVisible();
  expect(JSON.parse((await label.getAttribute('data-value'))!)).toEqual(oracle.edges['m2/m1/e-w1-h1']!.value);
  // m1's output leaves through m2's inner edge to w2.
  expect(JSON.parse((await page.getByTestId('edge-label-m2/m1/#out:out').getAttribute('data-grad'))!)).toEqual(oracle.edges['m2/e-h1-w2']!.grad);

  // One level up with the crumb, then Back to the graph.
  await clickAt(page, page.getByTestId('crumb-m2'));
  await expect(page.getByTestId('inside-current')).toHaveText('m2 (module2)');
  await expect(page.getByTestId('inner-node-m2/w2')).toBeVisible();
  await clickAt(page, page.getByTestId('inside-back'));
  await expect(page.getByTestId('inside-canvas')).toHaveCount(0);
  await expect(outerViewport(page)).toHaveAttribute('style', viewport ?? '');
  expect(await getDocument(page)).toEqual(doc);
  expect(await history(page)).toEqual(undo);
});

test('the inside follows an edit of its definition in the inspector: a broken inner node is named there, Undo is one step', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await group(page, ['w1', 'h1', 'w2'], 'm1');
  await clickAt(page, page.getByTestId('name-m1'));
  await clickAt(page, page.getByTestId('inspector-open-inside'));
  await expect(page.getByTestId('inner-node-m1/w2')).toBeVisible();
  await expect(page.getByTestId('inner-error-m1/w2')).toHaveCount(0);

  await clickAt(page, page.getByTestId('inner-config-w2').locator('summary'));
  await page.getByTestId('inner-config-w2-in').fill('3');
  await page.getByTestId('inner-config-w2-in').press('Enter');
  await waitForRun(page, 'invalid');
  await expect(page.getByTestId('inner-error-m1/w2')).toBeVisible();
  await expect(page.getByTestId('inner-node-m1/w2')).toContainText('Linear 3→1');
  expect(await history(page)).toEqual(['group as module', 'edit module']);

  await clickAt(page, page.getByRole('button', { name: 'Undo' })); // the focus is in the form, where Ctrl+Z is the field's
  await waitForRun(page);
  await expect(page.getByTestId('inner-error-m1/w2')).toHaveCount(0);
  await expect(page.getByTestId('inner-node-m1/w2')).toContainText('Linear 1→1');
  await expect(page.getByTestId('inside-current')).toHaveText('m1 (module1)');
  expect(await history(page)).toEqual(['group as module']);
});
