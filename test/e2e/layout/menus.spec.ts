// Issue 10.1: menus render above everything (a portal) and are clicked with the mouse at their
// coordinates; the keyboard drives them; the toolbar folds into ⋯ instead of overflowing.
import { expect, test, type Page } from '@playwright/test';
import { clickAt, getDocument, pickFromMenu, waitForRun } from '../helpers.ts';

/** The element the browser would hit at the middle of `selector`'s box is that element (or inside it). */
async function hitAtMiddle(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

test('every example in the Examples menu is on top and opens with a mouse click at its coordinates', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  await waitForRun(page);
  await clickAt(page, page.getByRole('button', { name: 'Examples', exact: true }));
  const ids = await page.getByRole('menu').getByRole('menuitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-testid')!.replace(/^example-/, '')));
  expect(ids.length).toBeGreaterThanOrEqual(5);
  await page.keyboard.press('Escape');
  // Last the lecture example, whose menu opens over its canvas.
  ids.push(ids.shift()!);
  for (const id of ids) {
    await clickAt(page, page.getByRole('button', { name: 'Examples', exact: true }));
    const item = page.getByTestId(`example-${id}`);
    await expect(item).toBeVisible();
    // Not a 1 px sliver under the canvas: the item itself is what a click there reaches.
    expect(await hitAtMiddle(page, `example-${id}`)).toBe(true);
    const box = (await item.boundingBox())!;
    expect(box.height).toBeGreaterThan(20);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page).toHaveTitle(`${id}.bpgraph — Backprop Studio`);
    await waitForRun(page);
  }
});

test('File menu: the mouse picks New at its coordinates; the keyboard opens, moves, chooses and closes', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await pickFromMenu(page, 'File', 'New');
  await expect.poll(async () => (await getDocument(page)).nodes.length).toBe(0);

  // Keyboard: focus the trigger, Enter opens with the first item focused, ↓ ↑ move, Esc closes.
  const trigger = page.getByRole('button', { name: 'Examples', exact: true });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const items = page.getByRole('menu').getByRole('menuitem');
  const second = (await items.nth(1).getAttribute('data-testid'))!.replace(/^example-/, '');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(`${second}.bpgraph — Backprop Studio`);

  // A click outside closes a menu without choosing.
  await clickAt(page, page.getByRole('button', { name: 'Export', exact: true }));
  await expect(page.getByRole('menu')).toBeVisible();
  // Radix arms its outside-click listener as it focuses the first item: a click before that (a loaded
  // machine runs the test faster than the page) is not outside anything yet. A person is never that fast.
  await expect(page.getByRole('menu').getByRole('menuitem').first()).toBeFocused();
  const status = (await page.getByTestId('status-bar').boundingBox())!;
  await page.mouse.click(status.x + 200, status.y + status.height / 2);
  await expect(page.getByRole('menu')).toHaveCount(0);
});

for (const width of [1920, 1400, 1280, 1100, 1024]) {
  test(`the toolbar fits in one line at ${width} px; folded commands are in ⋯`, async ({ page }) => {
    await page.setViewportSize({ width, height: 768 });
    await page.goto('/');
    await waitForRun(page);
    const toolbar = page.getByRole('toolbar');
    const overflow = await toolbar.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every control is inside the window.
    const right = await toolbar.evaluate((el) => Math.max(...[...el.children].map((c) => c.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(width);
    // What is not in the toolbar is one click away in ⋯ (the theme folds below 1360 px).
    const themeButton = page.getByRole('toolbar').getByRole('button', { name: 'Dark theme' });
    if (width < 1360) {
      await expect(themeButton).toHaveCount(0);
      await pickFromMenu(page, 'More commands', 'Dark theme');
    } else {
      await clickAt(page, themeButton);
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
}
