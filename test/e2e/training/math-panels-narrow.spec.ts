// The Jacobian and gradient-check panels in a 1100 px window: nothing wider than the dock, and every
// rounded number carries its full-precision value in a title.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { waitForRun } from '../helpers.ts';

test.use({ viewport: { width: 1100, height: 800 } });

/** The dock body scrolls nothing sideways and the panel ends inside the window. */
async function expectFits(page: Page, panel: Locator): Promise<void> {
  const body = page.locator('.bps-dock-body');
  const { scroll, client } = await body.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  const box = (await panel.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1100);
}

/** Every element showing a number (digits, NaN or ∞) without a title of its own or of a parent cell. */
async function untitledNumbers(panel: Locator): Promise<string[]> {
  return panel.evaluate((root) => {
    const out: string[] = [];
    for (const el of root.querySelectorAll('td, dd, span, div')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 /* text */).map((n) => n.textContent ?? '').join('');
      // Only rounded numbers matter: decimals, exponents, NaN and ∞ (not counts, ids or labels like "row 0").
      if (!/(\d\.\d|\de[+-]?\d|NaN|∞)/.test(own)) continue;
      if (!el.closest('[title]')) out.push(own.trim());
    }
    return out;
  });
}

test('Jacobian panel fits 1100 px and titles its numbers', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByTestId('node-w2').click();
  await page.getByRole('tab', { name: 'Jacobian' }).click();
  const panel = page.getByTestId('jacobian-panel');
  await expect(page.getByTestId('jacobian-diff-in')).toBeVisible();
  await expectFits(page, panel);
  expect(await untitledNumbers(panel)).toEqual([]);
  await page.screenshot({ path: 'test-results/jacobian-panel-1100.png' });
});

test('Gradient check panel fits 1100 px and titles its numbers', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByRole('tab', { name: 'Gradient check' }).click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  const panel = page.getByTestId('gradcheck-panel');
  await expect(page.getByTestId('gradcheck-summary')).toBeVisible();
  await expectFits(page, panel);
  expect(await untitledNumbers(panel)).toEqual([]);
  const row = page.locator('[data-testid^="gradcheck-row-"]').first();
  expect(Number(await row.locator('td').nth(3).locator('span').getAttribute('title'))).toBe(Number(await row.getAttribute('data-analytic')));
  expect(Number(await row.locator('td').nth(4).locator('span').getAttribute('title'))).toBe(Number(await row.getAttribute('data-numeric')));
  await page.screenshot({ path: 'test-results/gradcheck-panel-1100.png' });
});
