// Issue 13.10: paint your own data on the decision-boundary plane. Real clicks at coordinates add
// points of both classes (Shift-click the other class), a right-drag erases; each stroke is one Undo
// step; training uses the points (the loss falls, the boundary moves under them); Save and Open keep them.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createTrainer, parseGraphFile, serializeGraph, type Graph } from '../../../engine/index.ts';
import { clickAt, getDocument, pickFromMenu } from '../helpers.ts';
import { openApp, openViaPicker, textFile } from '../files/files-helpers.ts';

const edge = (id: string, source: string, target: string, targetPort: string) => ({ id, source, sourcePort: 'out', target, targetPort });
/** 2 → 6 tanh → 2 softmax, no data yet: what a user builds before painting. */
const blank: Graph = {
  name: 'Paint me', seed: 2,
  training: { optimizer: 'adam', learningRate: 0.05, epochs: 100, batchSize: 8, seed: 1 },
  nodes: [
    { id: 'x', kind: 'input', config: { size: 2 }, value: { shape: [1, 2], data: [0, 0] }, position: { x: 0, y: 0 } },
    { id: 'fc1', kind: 'linear', config: { in: 2, out: 6 }, position: { x: 220, y: 0 } },
    { id: 'h1', kind: 'tanh', position: { x: 440, y: 0 } },
    { id: 'fc2', kind: 'linear', config: { in: 6, out: 2 }, position: { x: 660, y: 0 } },
    { id: 'y', kind: 'target', config: { size: 2 }, value: { shape: [1, 2], data: [1, 0] }, position: { x: 660, y: 200 } },
    { id: 'loss', kind: 'softmax_ce', config: { reduction: 'mean' }, position: { x: 880, y: 100 } },
  ],
  edges: [edge('e1', 'x', 'fc1', 'in'), edge('e2', 'fc1', 'h1', 'in'), edge('e3', 'h1', 'fc2', 'in'), edge('e4', 'fc2', 'loss', 'logits'), edge('e5', 'y', 'loss', 'target')],
};

/** Where (u, v) of the plane is on the screen: u, v in 0…1 from the top-left corner. */
async function spot(plane: Locator, u: number, v: number): Promise<{ x: number; y: number }> {
  const box = (await plane.boundingBox())!;
  return { x: box.x + u * box.width, y: box.y + v * box.height };
}

async function paintAt(page: Page, plane: Locator, u: number, v: number, shift = false): Promise<void> {
  const before = Number(await plane.getAttribute('data-points'));
  const { x, y } = await spot(plane, u, v);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  if (shift) await page.keyboard.up('Shift');
  await expect(plane).toHaveAttribute('data-points', String(before + 1));
}

const trainLoss = (g: Graph): number => createTrainer(g).evaluate().trainLoss;

test('paint two classes, train on them, erase with a right-drag, undo a stroke, save and reopen', async ({ page }) => {
  await openApp(page);
  await openViaPicker(page, textFile('paint-me.bpgraph', serializeGraph(blank)));
  await expect(page.getByTestId('node-fc2')).toBeVisible();

  const toggle = page.getByRole('button', { name: 'Paint data' });
  await clickAt(page, toggle);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const plane = page.getByTestId('paint-canvas');
  await expect(plane).toHaveAttribute('data-points', '0');

  // Class 0 (the chosen class) bottom left, class 1 (Shift-click) top right.
  for (const [u, v] of [[0.2, 0.75], [0.3, 0.8], [0.25, 0.65], [0.15, 0.7]] as const) await paintAt(page, plane, u, v);
  for (const [u, v] of [[0.75, 0.25], [0.7, 0.3], [0.8, 0.2], [0.65, 0.35]] as const) await paintAt(page, plane, u, v, true);
  await expect(plane).toHaveAttribute('data-class1', '4');
  let doc = await getDocument(page);
  const painted = (doc.datasets as Record<string, { source: string; features: { shape: number[]; data: number[] }; labels: { data: number[] } }>).painted!;
  expect(painted.source).toBe('embedded');
  expect(painted.features.shape).toEqual([8, 2]);
  // (0.2, 0.75) of the [−1, 1]² plane is (−0.6, −0.5); class 0 is one-hot [1, 0].
  expect(painted.features.data[0]).toBeCloseTo(-0.6, 1);
  expect(painted.features.data[1]).toBeCloseTo(-0.5, 1);
  expect(painted.labels.data.slice(0, 2)).toEqual([1, 0]);
  expect(painted.labels.data.slice(8, 10)).toEqual([0, 1]);
  expect(doc.nodes.find((n) => n.id === 'x')!.binding).toEqual({ dataset: 'painted', field: 'features' });

  // A stray point and a right-drag across it: the whole stroke is one Undo step.
  await paintAt(page, plane, 0.5, 0.5);
  const from = await spot(plane, 0.45, 0.5), to = await spot(plane, 0.55, 0.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up({ button: 'right' });
  await expect(plane).toHaveAttribute('data-points', '8');
  await clickAt(page, page.getByRole('button', { name: 'Undo' }));
  await expect(plane).toHaveAttribute('data-points', '9');
  await clickAt(page, page.getByRole('button', { name: 'Redo' }));
  await expect(plane).toHaveAttribute('data-points', '8');
  doc = await getDocument(page);
  expect((doc.datasets as Record<string, { features: { shape: number[] } }>).painted!.features.shape).toEqual([8, 2]);

  // Training uses the points: until paused, the boundary under them moves, the loss falls.
  const before = trainLoss(doc);
  await page.getByLabel('Epochs').fill('');
  await clickAt(page, page.getByRole('button', { name: 'Play', exact: true })); // Train becomes Play
  await expect(plane).toHaveAttribute('data-grid', 'shown');
  const firstPicture = await plane.getAttribute('data-checksum');
  await expect(plane).not.toHaveAttribute('data-checksum', firstPicture!);
  await expect.poll(async () => Number(await page.getByTestId('training-progress').getAttribute('data-step'))).toBeGreaterThan(200);
  await clickAt(page, page.getByRole('button', { name: 'Pause' }));
  await clickAt(page, page.getByRole('button', { name: 'Stop' }));
  await expect(page.getByTestId('training-writeback')).toContainText('written');
  doc = await getDocument(page);
  const after = trainLoss(doc);
  expect(after).toBeLessThan(before / 4);
  await page.screenshot({ path: 'test-results/paint-data.png' });

  // Save and open again: the painted points come back from the file.
  const download = page.waitForEvent('download');
  await pickFromMenu(page, 'File', 'Save');
  const path = await (await download).path();
  const saved = parseGraphFile(readFileSync(path, 'utf8'));
  expect(saved.datasets).toEqual(doc.datasets);
  await openViaPicker(page, textFile('paint-me.bpgraph', serializeGraph(blank)));
  await expect(plane).toHaveAttribute('data-points', '0');
  await openViaPicker(page, path);
  await expect(plane).toHaveAttribute('data-points', '8');
  await expect(plane).toHaveAttribute('data-class1', '4');
});

test('a graph that does not have two inputs and two classes says so instead of painting', async ({ page }) => {
  await openApp(page); // the lecture example: one input feature
  await clickAt(page, page.getByRole('button', { name: 'Paint data' }));
  await expect(page.getByTestId('paint-refusal')).toContainText('input "x" has size 1. Set its size to 2');
  await expect(page.getByTestId('paint-canvas')).toHaveCount(0);
});
