// Opening documents: through the file picker, by dropping a file on the window, and the
// unsaved-changes question that comes first when the open document has edits.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseGraphFile } from '../../../engine/index.ts';
import { getDocument, pickFromMenu, waitForRun } from '../helpers.ts';
import { deleteNode, dropFile, examplePath, exampleText, openApp, openViaPicker } from './files-helpers.ts';

const xorIds = parseGraphFile(exampleText('xor-mlp.bpgraph')).nodes.map((n) => n.id);

test('Open… picks a saved example: the canvas shows its nodes and the run is ok', async ({ page }) => {
  await openApp(page);
  await openViaPicker(page, examplePath('xor-mlp.bpgraph'));
  for (const id of xorIds) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(xorIds.length);
  await waitForRun(page, 'ok');
  expect((await getDocument(page)).nodes.map((n) => n.id)).toEqual(xorIds);
  await expect(page).toHaveTitle('xor-mlp.bpgraph — Backprop Studio');
  // Opening replaces the document and its history: there is nothing to undo.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('Ctrl+O opens the picker too', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(examplePath('two-moons-tanh.bpgraph'));
  await expect(page).toHaveTitle('two-moons-tanh.bpgraph — Backprop Studio');
});

test('dropping a .bpgraph file anywhere on the window opens it', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'xor-mlp.bpgraph', exampleText('xor-mlp.bpgraph'));
  // The start document has as many nodes: the title says the dropped one has replaced it (read in a worker).
  await expect(page).toHaveTitle('xor-mlp.bpgraph — Backprop Studio');
  await expect(page.locator('.react-flow__node')).toHaveCount(xorIds.length);
  expect((await getDocument(page)).nodes.map((n) => n.id)).toEqual(xorIds);
  await waitForRun(page, 'ok');
});

test('with unsaved edits, Open asks first: Cancel keeps the edits, Don\'t save opens the file', async ({ page }) => {
  await openApp(page);
  await deleteNode(page, 'h1');
  const edited = await getDocument(page);
  let pickerShown = false;
  page.on('filechooser', () => { pickerShown = true; });

  await pickFromMenu(page, 'File', 'Open…');
  await page.getByTestId('unsaved-dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
  expect(await getDocument(page)).toEqual(edited);
  expect(pickerShown).toBe(false);
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');

  await openViaPicker(page, examplePath('xor-mlp.bpgraph'), "don't save");
  await expect(page).toHaveTitle('xor-mlp.bpgraph — Backprop Studio');
  expect((await getDocument(page)).nodes.map((n) => n.id)).toEqual(xorIds);
});

test('with unsaved edits, New asks first and Save downloads the edits before the empty document', async ({ page }) => {
  await openApp(page);
  await deleteNode(page, 'h1');
  const edited = await getDocument(page);
  const download = page.waitForEvent('download');
  await pickFromMenu(page, 'File', 'New');
  await page.getByTestId('unsaved-dialog').getByRole('button', { name: 'Save', exact: true }).click();
  const saved = parseGraphFile(readFileSync(await (await download).path(), 'utf8'));
  expect(saved).toEqual(edited);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page).toHaveTitle('Untitled.bpgraph — Backprop Studio');
});

