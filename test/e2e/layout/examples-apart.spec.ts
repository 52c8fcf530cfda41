// Every example opens with its nodes apart: no node covers another once the run has written its
// parameters on the layers (four entries and their gradients once made XOR's fc1 cover h1).
import { expect, test, type Page } from '@playwright/test';
import { openExample, waitForRun } from '../helpers.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { parseGraphFile } from '../../../engine/index.ts';

const examples = readdirSync('examples').filter((f) => f.endsWith('.bpgraph'))
  .map((file) => ({ file, title: parseGraphFile(readFileSync(`examples/${file}`, 'utf8')).name ?? file }));

async function overlappingNodes(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const boxes = els.map((el) => [el.getAttribute('data-id'), el.getBoundingClientRect()] as const);
    const out: string[] = [];
    for (const [i, [a, r]] of boxes.entries()) {
      for (const [b, s] of boxes.slice(i + 1)) {
        if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) out.push(`${a} × ${b}`);
      }
    }
    return out;
  });
}

test('each example in the Examples menu opens with no node covering another', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
  expect(examples.length).toBeGreaterThanOrEqual(7);
  for (const example of examples) {
    await openExample(page, example.title);
    await expect(page.getByTestId('file-status')).toContainText(example.file);
    await waitForRun(page);
    // The layers' parameter lines are written (the run's gradients), so each node has its full width.
    await expect(page.locator('[data-testid^="param-grad-line-"][data-shown="false"]')).toHaveCount(0);
    expect(await overlappingNodes(page), example.file).toEqual([]);
  }
});
