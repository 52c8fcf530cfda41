// Opening a 2,000-node file (issue 14.6, the bench opens 10,000): the status bar shows the open
// progress while it is read, and after it the canvas is usable: a node is selected with the mouse
// and one of its weights edited in the inspector re-runs the graph. Zoomed out past reading, the
// canvas draws the overview instead of the nodes; zoomed in again, the real nodes are back.
import { expect, test } from '@playwright/test';
import { serializeGraph, type Graph, type GraphEdge, type GraphNode } from '../../../engine/index.ts';
import { getDocument, toolbarCommand, waitForRun } from '../helpers.ts';
import { openApp, openViaPicker, textFile } from './files-helpers.ts';

/** x → (linear 4→4, tanh) × 998 → linear → mse ← y: 2,000 nodes on a grid, as bench/ui's chain. */
function chain2000(): Graph {
  const data = (f: (i: number) => number) => ({ shape: [2, 4], data: Array.from({ length: 8 }, (_, i) => f(i)) });
  const nodes: GraphNode[] = [{ id: 'x', kind: 'input', config: { size: 4 }, value: data(Math.sin) }];
  const edges: GraphEdge[] = [];
  const link = (source: string, target: string, targetPort = 'in') => edges.push({ id: `e-${source}-${target}`, source, sourcePort: 'out', target, targetPort });
  let prev = 'x';
  for (let i = 0; i < 998; i++) {
    nodes.push({ id: `l${i}`, kind: 'linear', config: { in: 4, out: 4 } }, { id: `t${i}`, kind: 'tanh' });
    link(prev, `l${i}`);
    link(`l${i}`, `t${i}`);
    prev = `t${i}`;
  }
  nodes.push({ id: 'head', kind: 'linear', config: { in: 4, out: 4 } }, { id: 'y', kind: 'target', config: { size: 4 }, value: data(Math.cos) }, { id: 'loss', kind: 'mse', config: { reduction: 'mean' } });
  link(prev, 'head');
  link('head', 'loss', 'pred');
  link('y', 'loss', 'target');
  nodes.forEach((n, i) => { n.position = { x: (i % 20) * 220, y: Math.floor(i / 20) * 160 }; });
  return { name: '2000-node chain', seed: 1, nodes, edges };
}

test('a 2,000-node file opens with a progress indication, and a node can then be selected and edited', async ({ page }) => {
  await openApp(page);
  const text = serializeGraph(chain2000());
  // The progress is brief: the page records that it appeared rather than the test racing to see it.
  await page.evaluate(`new MutationObserver((_, o) => {
    const el = document.querySelector('[data-testid="open-progress"]');
    if (el && /^Opening “chain-2000\\.bpgraph”… \\d+ %$/.test(el.textContent)) { window.__sawProgress = el.textContent; o.disconnect(); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true })`);
  await openViaPicker(page, textFile('chain-2000.bpgraph', text));
  await expect(page).toHaveTitle('chain-2000.bpgraph — Backprop Studio');
  await waitForRun(page, 'ok');
  expect(await page.evaluate('window.__sawProgress')).toMatch(/^Opening “chain-2000\.bpgraph”… \d+ %$/);
  await expect(page.getByTestId('open-progress')).toHaveCount(0);
  // Culled: only the nodes near the view are in the DOM, yet they are real, selectable nodes.
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(2000);
  await page.getByTestId('node-l0').click();
  const cell = page.getByTestId('param-l0-W-0');
  await cell.fill('0.75');
  await cell.press('Enter');
  await expect.poll(async () => (await getDocument(page)).nodes.find((n) => n.id === 'l0')?.params?.W?.data[0]).toBe(0.75);
  await waitForRun(page, 'ok');
});

test('zoomed out past reading, a 2,000-node graph shows the overview; Fit view brings back selectable nodes', async ({ page }) => {
  await openApp(page);
  await openViaPicker(page, textFile('chain-2000.bpgraph', serializeGraph(chain2000())));
  await expect(page).toHaveTitle('chain-2000.bpgraph — Backprop Studio');
  await waitForRun(page, 'ok');
  await expect(page.getByTestId('node-l0')).toBeVisible();
  const overview = page.getByTestId('canvas-overview');
  await expect(overview).toHaveCount(0);
  // Zoom Out (as a person would) until the view's text is unreadable: the overview replaces the nodes.
  const viewport = page.locator('.react-flow__viewport');
  for (let i = 0; i < 12 && (await overview.count()) === 0; i++) {
    const before = await viewport.getAttribute('style');
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await expect(viewport).not.toHaveAttribute('style', before ?? '');
  }
  await expect(overview).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await toolbarCommand(page, 'Fit view');
  await expect(overview).toHaveCount(0);
  await page.getByTestId('node-l0').click();
  await expect(page.getByTestId('param-l0-W-0')).toBeVisible();
});

test('a small graph keeps every node at the lowest zoom, with no overview', async ({ page }) => {
  await openApp(page);
  const nodes = await page.locator('.react-flow__node').count();
  const viewport = page.locator('.react-flow__viewport');
  for (let i = 0; i < 12 && (await page.getByRole('button', { name: 'Zoom Out' }).isEnabled()); i++) {
    const before = await viewport.getAttribute('style');
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await expect(viewport).not.toHaveAttribute('style', before ?? '');
  }
  await expect(page.getByTestId('canvas-overview')).toHaveCount(0);
  expect(await page.locator('.react-flow__node').count()).toBe(nodes);
});
