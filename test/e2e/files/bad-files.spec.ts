// A bad file never replaces the open document: the message names the problem, and the document
// and its undo history stay exactly as they were.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { getDocument, waitForRun } from '../helpers.ts';
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

/** UTF-16 little-endian with its byte-order mark, as Windows Notepad used to save "Unicode". */
function utf16le(text: string): Buffer {
  const units = `\uFEFF${text}`;
  const out = Buffer.alloc(units.length * 2);
  for (let i = 0; i < units.length; i++) out.writeUInt16LE(units.charCodeAt(i), 2 * i);
  return out;
}

const lectureText = exampleText('lecture-two-layer.bpgraph');
const constructorParam = lectureText.replace('"params": { "W": { "shape": [1, 1], "data": [0.8] } }', '"params": { "W": { "shape": [1, 1], "data": [0.8] }, "constructor": { "shape": [1, 1], "data": [1] } }');
const hostileFiles: { kind: string; name: string; buffer: Buffer; says: string }[] = [
  { kind: 'UTF-16 text', name: 'utf16.bpgraph', buffer: utf16le(lectureText), says: '"utf16.bpgraph" could not be opened: the file is UTF-16 (little-endian) text (it starts with that byte-order mark). Backprop Studio reads UTF-8 only; save it as UTF-8' },
  // 200 kB: an unknown field 10^5 levels deep
  { kind: 'an unknown field nested 100,000 deep', name: 'deep.bpgraph', buffer: Buffer.from(lectureText.replace('"kind": "input"', `"kind": "input", "extra": ${'['.repeat(100_000)}${']'.repeat(100_000)}`)), says: '"deep.bpgraph" could not be opened: the graph is invalid at nodes[0].extra[0][0][0]: nested more than 64 levels deep' },
  { kind: 'a parameter named "constructor"', name: 'constructor.bpgraph', buffer: Buffer.from(constructorParam), says: '"constructor.bpgraph" could not be opened: the graph is invalid: node "w1" (linear): parameter constructor is not one of its parameters (W)' },
];

for (const bad of hostileFiles) {
  test(`a file with ${bad.kind} is refused with a message; the document and the engine carry on`, async ({ page }) => {
    expect(constructorParam).not.toBe(lectureText);
    const before = await editedState(page);
    await openViaPicker(page, { name: bad.name, mimeType: 'application/json', buffer: bad.buffer }, "don't save");
    await expect(page.getByTestId('file-error')).toContainText(bad.says);
    await expectUntouched(page, before);
    // The engine still answers: the undo above is a new document, and its run comes back.
    await waitForRun(page);
    expect((await getDocument(page)).nodes.map((n) => n.id)).toContain('h1');
  });
}
