// Every document change can be undone and redone from the keyboard, one user action at a time.
import { expect, test, type Page } from '@playwright/test';
import { connect, dragFromPalette, getDocument, pickFromMenu, waitForRun } from './helpers.ts';

async function summary(page: Page): Promise<{ nodes: string[]; edges: number; w: number | undefined }> {
  const g = await getDocument(page);
  return { nodes: g.nodes.map((n) => n.id), edges: g.edges.length, w: g.nodes.find((n) => n.id === 'linear1')?.params?.W?.data[0] };
}

test('undo and redo of add, connect, a parameter edit and delete', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'linear', c.x + 200, c.y + 200);
  await dragFromPalette(page, 'sigmoid', c.x + 450, c.y + 200);
  await connect(page, 'linear1-out', 'sigmoid1-in');
  await page.getByTestId('node-linear1').click();
  const w0 = (await summary(page)).w!;
  await page.getByTestId('param-linear1-W-0').fill('2.5');
  await page.getByTestId('param-linear1-W-0').press('Enter');
  await page.getByTestId('node-sigmoid1').click();
  await page.keyboard.press('Delete');

  const states = [
    { nodes: ['linear1'], edges: 0, w: 2.5 },
    { nodes: ['linear1', 'sigmoid1'], edges: 1, w: 2.5 },
    { nodes: ['linear1', 'sigmoid1'], edges: 1, w: w0 },
    { nodes: ['linear1', 'sigmoid1'], edges: 0, w: w0 },
    { nodes: ['linear1'], edges: 0, w: w0 },
    { nodes: [], edges: 0, w: undefined },
  ];
  expect(await summary(page)).toEqual(states[0]);
  for (const s of states.slice(1)) {
    await page.keyboard.press('Control+z');
    await expect.poll(() => summary(page)).toEqual(s);
  }
  // Redo walks the same states back, with both redo shortcuts.
  for (const [i, s] of [...states].reverse().slice(1).entries()) {
    await page.keyboard.press(i % 2 === 0 ? 'Control+Shift+z' : 'Control+y');
    await expect.poll(() => summary(page)).toEqual(s);
  }
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('copy and paste duplicates nodes with the edges among them, under fresh ids', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w1').click();
  await page.getByTestId('node-h1').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  const g = await getDocument(page);
  expect(g.nodes.map((n) => n.id)).toEqual(['x', 'w1', 'h1', 'w2', 'h2', 'y', 'loss', 'w3', 'h3']);
  const pasted = g.edges.filter((e) => e.source === 'w3');
  expect(pasted).toHaveLength(1);
  expect(pasted[0]).toMatchObject({ target: 'h3', targetPort: 'in' });
  expect(g.nodes.find((n) => n.id === 'w3')!.params).toEqual(g.nodes.find((n) => n.id === 'w1')!.params);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await getDocument(page)).nodes.length).toBe(7);
});
