// File → Export → ONNX… and File → Import ONNX… in the browser (issue 12.5, 12.6): the download is the
// exporter's bytes for the document; a model made by torch.onnx.export opens as a new, unsaved document
// after the unsaved-changes question, laid out, run, with gradients on its edges; a model with
// operators the import lacks is refused naming them, and the document stays.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportOnnx } from '../../../interop/index.ts';
import { getDocument, pickFromMenu, waitForRun } from '../helpers.ts';
import { answerUnsaved, openApp } from './files-helpers.ts';

const fixture = (name: string): string => join(import.meta.dirname, '..', '..', 'fixtures', 'onnx', name);

test('File → Export → ONNX… downloads the model named after the document', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /ONNX…/ }).click();
  expect((await download).suggestedFilename()).toBe('lecture-two-layer.onnx');
  const bytes = new Uint8Array(readFileSync(await (await download).path()));
  expect(bytes).toEqual(exportOnnx(await getDocument(page)));
});

test('File → Import ONNX… opens a torch model as a new unsaved document that runs and shows gradients', async ({ page }) => {
  await openApp(page);
  // An edit first: importing must ask before it replaces unsaved work.
  await page.getByTestId('node-loss').click();
  await page.getByTestId('config-reduction').selectOption('mean');
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');

  const chooser = page.waitForEvent('filechooser');
  await pickFromMenu(page, 'File', 'Import ONNX…');
  await (await chooser).setFiles(fixture('relu-mlp.onnx'));
  await answerUnsaved(page, "don't save");

  await expect(page.getByTestId('file-status')).toContainText('Imported "relu-mlp.onnx"');
  await expect(page).toHaveTitle('• Untitled.bpgraph — Backprop Studio');
  for (const id of ['x', 'fc1', 'relu', 'output', 'output_loss']) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await waitForRun(page);
  const graph = await getDocument(page);
  const xs = graph.nodes.map((n) => n.position!.x);
  expect(new Set(xs).size).toBeGreaterThan(3); // laid out in columns, not a pile
  const label = page.getByTestId('edge-label-fc1->relu.in');
  await expect.poll(async () => JSON.parse((await label.getAttribute('data-grad')) ?? 'null')?.shape).toEqual([4, 8]);
});

test('File → Import ONNX… refuses a model with unsupported operators, naming them, and keeps the document', async ({ page }) => {
  await openApp(page);
  const before = await getDocument(page);
  const chooser = page.waitForEvent('filechooser');
  await pickFromMenu(page, 'File', 'Import ONNX…');
  await (await chooser).setFiles(fixture('layernorm.onnx'));
  const error = page.getByTestId('file-error');
  await expect(error).toContainText('Cannot import "layernorm.onnx": unsupported ONNX operators: Sub (node "/norm/Sub"), Pow (node "/norm/Pow")');
  await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
  expect(await getDocument(page)).toEqual(before);
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
});
