// A bad file never replaces the open document: the message names the problem, and the document
// and its undo history stay exactly as they were.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { getDocument } from '../helpers.ts';
import { deleteNode, dropFile, exampleText, openApp, openViaPicker, textFile } from './files-helpers.ts';

const lecture = JSON.parse(exampleText('lecture-two-layer.bpgraph')) as { edges: { source: string }[] };
const withCycle = structuredClone(lecture);
withCycle.edges[0]!.source = 'h2'; // x → w1 becomes h2 → w1: w1 → h1 → w2 → h2 → w1

const badFiles: { kind: string; name: string; text: string; says: RegExp }[] = [
  { kind: 'malformed JSON', name: 'truncated.bpgraph', text: '{"format": "backprop-studio-graph", "version": 2, "nodes": [', says: /not valid JSON/ },
  { kind: 'wrong format marker', name: 'other-app.bpgraph', text: JSON.stringify({ ...lecture, format: 'some-other-app' }), says: /"format" field.*not a Backprop Studio graph/ },
  { kind: 'newer version', name: 'from-the-future.bpgraph', text: JSON.stringify({ ...lecture, version: 9 }), says: /version 9, made by a newer Backprop Studio/ },
  { kind: 'invalid graph (cycle)', name: 'loop.bpgraph', text: JSON.stringify(withCycle), says: /cycle: "w1" → "h1" → "w2" → "h2" → "w1"/ },
];

/** An edit (so there is history and the Open question comes first) and the state to compare with. */
async function editedState(page: Page) {
  await openApp(page);
  await deleteNode(page, 'h1');
  return getDocument(page);
}

async function expectUntouched(page: Page, before: unknown): Promise<void> {
  expect(await getDocument(page)).toEqual(before);
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');
  // Same undo history: the deletion can still be undone.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('node-h1')).toBeVisible();
}

for (const bad of badFiles) {
  test(`picking a file with ${bad.kind} shows what is wrong and keeps the document`, async ({ page }) => {
    const before = await editedState(page);
    await openViaPicker(page, textFile(bad.name, bad.text), "don't save");
    const error = page.getByTestId('file-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(error).toContainText(`"${bad.name}" could not be opened`);
    await expect(error).toContainText(bad.says);
    await expectUntouched(page, before);
  });
}

test('a file over 50 MB is refused by size, through the picker and by drop', async ({ page }, testInfo) => {
  const before = await editedState(page);
  const big = testInfo.outputPath('huge.bpgraph');
  writeFileSync(big, `{"pad":"${'x'.repeat(51 * 1024 * 1024)}"}`);
  await openViaPicker(page, big, "don't save");
  await expect(page.getByTestId('file-error')).toContainText(/"huge\.bpgraph" could not be opened: the file is 51\.0 MB; graphs larger than 50 MB are refused/);
  expect(await getDocument(page)).toEqual(before);

  await page.getByRole('button', { name: 'Dismiss file error' }).click();
  await expect(page.getByTestId('file-error')).toBeHidden();
  await dropFile(page, 'dropped-huge.bpgraph', { repeat: 'x', times: 51 * 1024 * 1024 });
  // The unsaved-changes question comes first; the size check follows, before the file is read.
  await page.getByTestId('unsaved-dialog').getByRole('button', { name: "Don't save" }).click();
  await expect(page.getByTestId('file-error')).toContainText(/"dropped-huge\.bpgraph" could not be opened: the file is 51\.0 MB/);
  await expectUntouched(page, before);
});

test('a dropped file that is not .bpgraph, and a dropped malformed one, are refused by name', async ({ page }) => {
  const before = await editedState(page);
  await dropFile(page, 'notes.txt', 'hello');
  await expect(page.getByTestId('file-error')).toContainText('"notes.txt" could not be opened: only .bpgraph files can be opened');
  await dropFile(page, 'broken.bpgraph', '{ nope');
  await page.getByTestId('unsaved-dialog').getByRole('button', { name: "Don't save" }).click();
  await expect(page.getByTestId('file-error')).toContainText('"broken.bpgraph" could not be opened: not valid JSON');
  await expectUntouched(page, before);
});
