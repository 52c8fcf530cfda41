// The Code panel and File → Export → PyTorch script… in the browser: the script of the graph beside the
// canvas, following edits; Copy puts it on the clipboard; Export downloads the same text.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { exportPyTorch } from '../../../interop/index.ts';
import { dragFromPalette, getDocument } from '../helpers.ts';
import { openApp } from '../files/files-helpers.ts';

test('the Code panel shows the graph\'s PyTorch script and follows edits', async ({ page }) => {
  await openApp(page);
  // The loss node is selected first, while the whole graph is on the canvas: the Code panel narrows it.
  await page.getByTestId('node-loss').click();
  await expect(page.getByTestId('config-reduction')).toBeVisible();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'PyTorch code' });
  const script = panel.getByLabel('PyTorch script');
  await expect(script).toContainText('class Model(nn.Module):');
  // It opens at the model, below the usage notes.
  await expect.poll(() => page.evaluate("document.querySelector('.bps-code').scrollTop")).toBeGreaterThan(0);
  await expect(script).toContainText('loss = 0.5 * F.mse_loss(h2, y, reduction="sum")');
  expect(await script.textContent()).toBe(exportPyTorch(await getDocument(page)));

  // An edit in the inspector: the loss becomes a mean over the batch.
  await page.getByTestId('config-reduction').selectOption('mean');
  await expect(script).toContainText('loss = 0.5 * F.mse_loss(h2, y, reduction="sum") / batch_size');
  await expect(panel).toHaveAttribute('data-state', 'current');
  expect(await script.textContent()).toBe(exportPyTorch(await getDocument(page)));

  // An unconnected node: no code, and the reason names the node.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'tanh', box.x + box.width - 120, box.y + 80);
  await expect(panel.getByRole('alert')).toContainText(/No PyTorch code for this graph yet: node "tanh\w*" \(tanh\), port "in": input is not connected/);
  await page.keyboard.press('Control+z');
  await expect(script).toContainText('/ batch_size');

  await panel.getByRole('button', { name: 'Close the code panel' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Code', exact: true })).toHaveAttribute('aria-pressed', 'false');
});

test('Copy puts the script on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'PyTorch code' });
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(exportPyTorch(await getDocument(page)));
});

test('File → Export → PyTorch script… downloads the script named after the document', async ({ page }) => {
  await openApp(page);
  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const item = page.getByRole('menuitem', { name: /PyTorch script…/ });
  await expect(item).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(item).toBeHidden();
  await expect(exportButton).toBeFocused();

  await exportButton.click();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('lecture-two-layer.py');
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(exportPyTorch(await getDocument(page)));
});
