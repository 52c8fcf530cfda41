// Unsaved work survives a reload: the tab warns before leaving, autosave keeps the tab's copy in
// IndexedDB, and the next start offers it back (Restore) or drops it (Discard). In-page code is a string:
// these files are type-checked without the DOM library.
import { expect, test, type Page } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';
import { crashCopies, deleteNode, openApp } from './files-helpers.ts';

/** Edits, waits for the autosave, then reloads through the unsaved-changes warning. */
async function editAndReload(page: Page) {
  await openApp(page);
  await deleteNode(page, 'h1');
  const edited = await getDocument(page);
  await expect.poll(async () => (await crashCopies(page)).map((c) => c.name), { intervals: [500] }).toEqual(['lecture-two-layer.bpgraph']);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); void d.accept(); });
  await page.reload();
  expect(dialogs).toEqual(['beforeunload']);
  return edited;
}

test('after a reload, Restore brings the edited document back, still unsaved', async ({ page }) => {
  const edited = await editAndReload(page);
  const banner = page.getByTestId('restore-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('lecture-two-layer.bpgraph');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(() => getDocument(page)).toEqual(edited);
  await expect(page.getByTestId('node-h1')).toHaveCount(0);
  await expect(page).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');
  await waitForRun(page); // without h1, w2 is not wired yet and the rest still runs
});

test('after a reload, Discard keeps the default document and forgets the copy', async ({ page }) => {
  await editAndReload(page);
  const banner = page.getByTestId('restore-banner');
  await banner.getByRole('button', { name: 'Discard' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('node-h1')).toBeVisible();
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
  await expect.poll(() => crashCopies(page)).toEqual([]);
  await page.reload();
  await waitForRun(page);
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
  await expect(banner).toHaveCount(0);
});

test('a clean document leaves without a warning and offers nothing to restore', async ({ page }) => {
  await openApp(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); void d.accept(); });
  await page.reload();
  await waitForRun(page);
  await expect(page).toHaveTitle('lecture-two-layer.bpgraph — Backprop Studio');
  expect(dialogs).toEqual([]);
  await expect(page.getByTestId('restore-banner')).toHaveCount(0);
});
