// Several tabs of one browser profile: each keeps its own crash copy, a tab never offers (or
// deletes) the copy of a tab that is still open, and after tabs close without a clean exit every
// orphaned copy is offered. A tab "crashes" here by being closed without its beforeunload prompt.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { getDocument, waitForRun } from '../helpers.ts';
import { crashCopies, deleteNode, openApp, withoutFsAccessPickers } from './files-helpers.ts';

const nodeIds = (text: string): string[] => (JSON.parse(text) as { nodes: { id: string }[] }).nodes.map((n) => n.id);

/** Waits until `count` crash copies are stored (autosave runs every 5 s while a tab is dirty). */
async function waitForCopies(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await crashCopies(page)).length, { intervals: [500] }).toBe(count);
}

/** A tab of the context with the example open and `node` deleted (unsaved). */
async function dirtyTab(context: BrowserContext, node: string): Promise<Page> {
  const page = await context.newPage();
  await openApp(page);
  await deleteNode(page, node);
  return page;
}

async function openTabWithBanner(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await withoutFsAccessPickers(page);
  await page.goto('/');
  await expect(page.getByTestId('restore-banner')).toBeVisible();
  return page;
}

test("a second tab does not offer the first tab's live work, and its Discard leaves that copy alone", async ({ context }) => {
  const first = await dirtyTab(context, 'h1');
  await waitForCopies(first, 1);
  const [live] = await crashCopies(first);

  // A second tab opened now has nothing to offer: the first one is still open.
  const second = await context.newPage();
  await openApp(second); // start-up finished: the title names the example
  await expect(second.getByTestId('restore-banner')).toHaveCount(0);

  // It edits and then crashes: its copy is an orphan now.
  await deleteNode(second, 'h2');
  await waitForCopies(first, 2);
  await second.close();

  const third = await openTabWithBanner(context);
  const rows = third.getByTestId('restore-copy');
  await expect(rows).toHaveCount(1); // only the crashed tab's copy, never the open tab's
  await rows.getByRole('button', { name: 'Discard' }).click();
  await expect(third.getByTestId('restore-banner')).toBeHidden();
  await waitForRun(third);
  expect(await crashCopies(third)).toEqual([live]);
  await expect(first).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');
  expect(nodeIds(live!.text)).not.toContain('h1');
});

test('with two dirty tabs closed, a new tab offers both copies, and each can be restored', async ({ context }) => {
  const a = await dirtyTab(context, 'h1');
  const b = await dirtyTab(context, 'h2');
  await waitForCopies(a, 2);
  await a.close();
  await b.close();

  const c = await openTabWithBanner(context);
  await expect(c.getByTestId('restore-banner')).toContainText('kept from 2 tabs');
  await expect(c.getByTestId('restore-copy')).toHaveCount(2);
  await c.getByTestId('restore-copy').first().getByRole('button', { name: 'Restore' }).click();
  await expect(c.getByTestId('restore-banner')).toBeHidden();
  const restoredHere = (await getDocument(c)).nodes.map((n) => n.id);
  const missingHere = ['h1', 'h2'].filter((id) => !restoredHere.includes(id));
  expect(missingHere).toHaveLength(1);
  await expect(c).toHaveTitle('• lecture-two-layer.bpgraph — Backprop Studio');

  // The other copy waits for the next tab: c owns the one it restored.
  const d = await openTabWithBanner(context);
  await expect(d.getByTestId('restore-copy')).toHaveCount(1);
  await d.getByRole('button', { name: 'Restore' }).click();
  await expect(d.getByTestId('restore-banner')).toBeHidden();
  const restoredThere = (await getDocument(d)).nodes.map((n) => n.id);
  expect(['h1', 'h2'].filter((id) => !restoredThere.includes(id))).toEqual(['h1', 'h2'].filter((id) => !missingHere.includes(id)));
});
