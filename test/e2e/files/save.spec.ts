// Saving in browser mode downloads the document; the title's dirty marker follows edits and saves.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseGraphFile } from '../../../engine/index.ts';
import { getDocument, pickFromMenu } from '../helpers.ts';
import { deleteNode, examplePath, openApp, openViaPicker } from './files-helpers.ts';

test('Save downloads text that parses back to the document, and clears the dirty marker', async ({ page }) => {
  await openApp(page);
  await openViaPicker(page, examplePath('xor-mlp.bpgraph'));
  await expect(page).toHaveTitle('xor-mlp.bpgraph — Backprop Studio');
  await deleteNode(page, 'h1');
  await expect(page).toHaveTitle('• xor-mlp.bpgraph — Backprop Studio');

  const download = page.waitForEvent('download');
  await pickFromMenu(page, 'File', 'Save');
  expect((await download).suggestedFilename()).toBe('xor-mlp.bpgraph');
  const saved = parseGraphFile(readFileSync(await (await download).path(), 'utf8'));
  expect(saved).toEqual(await getDocument(page));
  expect(saved.nodes.some((n) => n.id === 'h1')).toBe(false);
  await expect(page).toHaveTitle('xor-mlp.bpgraph — Backprop Studio');
});

test('Ctrl+S saves, Ctrl+Shift+S saves as; undoing back to the saved graph is clean again', async ({ page }) => {
  await openApp(page);
  await deleteNode(page, 'h1');
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');
  const first = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  expect((await first).suggestedFilename()).toBe('lecture-two-layer.bpgraph');
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');

  await deleteNode(page, 'h2');
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');
  await page.keyboard.press('Control+z');
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');

  const second = page.waitForEvent('download');
  await page.keyboard.press('Control+Shift+s');
  const text = readFileSync(await (await second).path(), 'utf8');
  expect(parseGraphFile(text)).toEqual(await getDocument(page));
});
