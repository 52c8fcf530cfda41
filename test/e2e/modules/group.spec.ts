// Issue 13.4: group three nodes of the lecture example into a module with real mouse selection, see it
// as one node with its ports and open its inside, step into it and over it, then ungroup: the values on
// the canvas never change, and undo walks it all back.
import { expect, test, type Page } from '@playwright/test';
import { clickAt, engineOracle, getDocument, restPointer, waitForRun } from '../helpers.ts';

const sig4 = (x: number): string => String(Number(x.toPrecision(4)));

/** What the canvas shows of the run: the loss and the edge labels of the edges outside the group. */
async function shown(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = { loss: await page.getByTestId('loss-loss').textContent() };
  for (const id of ['e-x-w1', 'e-w2-h2', 'e-h2-loss']) out[id] = await page.getByTestId(`edge-label-${id}`).getAttribute('data-value');
  return out;
}

test('group w1 → h1 → w2 as a module and ungroup it: one node with its ports, values unchanged', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  const original = await getDocument(page);
  const before = await shown(page);
  expect(before['e-w2-h2']).toBeTruthy();

  // Select three nodes with the mouse: a click, then Shift-clicks.
  await clickAt(page, page.getByTestId('name-w1'));
  await page.keyboard.down('Shift');
  await clickAt(page, page.getByTestId('name-h1'));
  await clickAt(page, page.getByTestId('name-w2'));
  await page.keyboard.up('Shift');
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('.react-flow__node.selected').length)).toBe(3);
  await clickAt(page, page.getByTestId('group-as-module'));
  await restPointer(page);

  const instance = page.getByTestId('node-m1');
  await expect(instance).toBeVisible();
  for (const id of ['w1', 'h1', 'w2']) await expect(page.getByTestId(`node-${id}`)).toHaveCount(0);
  await expect(page.getByTestId('handle-m1-in')).toBeVisible();
  await expect(page.getByTestId('handle-m1-out')).toBeVisible();
  const grouped = await getDocument(page);
  expect(grouped.modules?.module1?.nodes.map((n) => n.id)).toEqual(['w1', 'h1', 'w2']);
  expect(grouped.nodes.map((n) => n.id)).toEqual(['x', 'm1', 'h2', 'y', 'loss']);
  await waitForRun(page);
  await expect.poll(() => shown(page)).toEqual(before);
  // The engine run directly on the saved document agrees with what the canvas shows.
  expect(sig4(engineOracle(grouped).loss!)).toBe(sig4(engineOracle(original).loss!));

  // Open it: its inner nodes with the values they computed.
  await clickAt(page, page.getByTestId('inside-toggle-m1'));
  await expect(page.getByTestId('inside-m1')).toBeVisible();
  await expect(page.getByTestId('inner-m1/w1')).toContainText('w1 · linear');
  await expect(page.getByTestId('inner-m1/h1')).toContainText('h1 · sigmoid =');
  await page.screenshot({ path: 'test-results/module-grouped.png' });

  // Edit the definition in the instance's inspector: w2 gets a bias (drawn as zero, so the values
  // stay), every instance follows, and undo takes it back.
  await clickAt(page, page.getByTestId('name-m1'));
  await expect(page.getByTestId('instance-inspector')).toBeVisible();
  await clickAt(page, page.getByTestId('inner-config-w2').locator('summary'));
  await clickAt(page, page.getByTestId('inner-config-w2-bias'));
  await expect.poll(async () => (await getDocument(page)).modules?.module1?.nodes.find((n) => n.id === 'w2')?.config).toMatchObject({ bias: true });
  expect(Object.keys((await getDocument(page)).nodes.find((n) => n.id === 'm1')!.params!)).toEqual(['w1.W', 'w2.W', 'w2.b']);
  await waitForRun(page);
  await expect.poll(() => shown(page)).toEqual(before);
  await clickAt(page, page.getByRole('button', { name: 'Undo' })); // the focus is in the form, where Ctrl+Z is the field's
  await expect.poll(async () => (await getDocument(page)).modules?.module1?.nodes.find((n) => n.id === 'w2')?.config).toMatchObject({ bias: false });
  await restPointer(page);

  // Step mode steps into it (the inner equations, on the instance) and, unticked, over it.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('.step-panel__title')).toHaveText('Forward: m1/w1 (Linear)');
  await expect(instance).toHaveClass(/step-current/);
  await clickAt(page, page.getByTestId('step-into'));
  await expect(page.getByTestId('step-into')).not.toBeChecked();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('.step-panel__title')).toHaveText('Forward: m1 (module module1)');
  await expect(page.getByTestId('step-equation')).toHaveAttribute('data-tex', /\\mathrm\{module1\}\(x\)/);
  await page.getByRole('button', { name: 'Step', exact: true }).click();

  // Ungroup, from the selected instance: the three nodes come back where they were.
  await expect(page.getByTestId('step-panel')).toHaveCount(0);
  await clickAt(page, page.getByTestId('name-m1'));
  await expect(page.getByTestId('instance-inspector')).toBeVisible();
  await clickAt(page, page.getByTestId('ungroup'));
  await restPointer(page);
  for (const id of ['w1', 'h1', 'w2']) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(instance).toHaveCount(0);
  const ungrouped = await getDocument(page);
  expect(ungrouped.modules).toBeUndefined();
  expect(ungrouped.nodes).toEqual(original.nodes);
  await waitForRun(page);
  await expect.poll(() => shown(page)).toEqual(before);

  // Undo: the module again, then the lecture example as it was.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-m1')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-w1')).toBeVisible();
  await expect.poll(async () => (await getDocument(page)).modules).toBeUndefined();
});
