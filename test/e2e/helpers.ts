// Shared steps of the e2e tests: waiting for the engine worker, the independent oracle (the engine
// run directly in Node on the document exported from the page), and real-mouse drags.
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { compileGraph, serializeGraph, toJson, type Graph, type TensorJson } from '../../engine/index.ts';

declare global {
  interface BpsWindow { __bps: { getDocument(): Graph; getRunStatus(): { status: string; runs: number; stale: boolean } } }
}

/** Waits until the worker has answered the latest document (status ok or invalid, not running). */
export async function waitForRun(page: Page, status: 'ok' | 'invalid' = 'ok'): Promise<void> {
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-status', status);
}

export function engineOracle(graph: Graph): { loss: number | null; edges: Record<string, { value: TensorJson; grad: TensorJson }> } {
  const program = compileGraph(graph);
  const loss = program.run();
  const r = program.results();
  const edges: Record<string, { value: TensorJson; grad: TensorJson }> = {};
  for (const [id, e] of Object.entries(r.edges)) edges[id] = { value: toJson(e.value), grad: toJson(e.grad) };
  return { loss, edges };
}

/** The CLI's answer for the same graph: `backprop-studio run FILE --json`. */
export function cliOracle(graph: Graph, file: string): { loss: number | null; edges: Record<string, { value: TensorJson; grad: TensorJson }> } {
  writeFileSync(file, serializeGraph(graph));
  const out = execFileSync('npx', ['tsx', 'cli/main.ts', 'run', file, '--json'], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as { loss: number | null; edges: Record<string, { value: TensorJson; grad: TensorJson }> };
}

export async function getDocument(page: Page): Promise<Graph> {
  return page.evaluate(() => (globalThis as unknown as BpsWindow).__bps.getDocument());
}

/** Drags a palette item onto the canvas at (x, y) page coordinates with the real mouse. */
export async function dragFromPalette(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: await relativeTo(page.getByTestId('canvas'), x, y) });
}

async function relativeTo(el: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await el.boundingBox())!;
  return { x: x - box.x, y: y - box.y };
}

/** Drags from one handle to another with mouse down/move/up, as a user wires two nodes. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const a = (await page.getByTestId(`handle-${from}`).boundingBox())!;
  const b = (await page.getByTestId(`handle-${to}`).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Clicks the middle of an element with the real mouse at its coordinates (what a user's click hits). */
export async function clickAt(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = await restingBox(page, target);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Where an element is once it stops moving: the same box two animation frames apart. A view that is still
 * panning (Step mode follows its node, Fit view animates) would move the target from under the click.
 */
async function restingBox(page: Page, target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  for (;;) {
    const before = await target.boundingBox();
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    const after = await target.boundingBox();
    if (before && after && before.x === after.x && before.y === after.y && before.width === after.width && before.height === after.height) return after;
  }
}

/**
 * Picks an item from a toolbar menu (File, Export, Examples, More commands) with the mouse at their
 * coordinates, then rests the pointer on the status bar: left where the menu was, it would hover
 * whatever the canvas has there (an edge label opens its popover on hover).
 */
export async function pickFromMenu(page: Page, menu: string, item: string | RegExp): Promise<void> {
  await clickAt(page, page.getByRole('toolbar').getByRole('button', { name: menu, exact: true }));
  const entry = page.getByRole('menu').locator('[role^="menuitem"]').filter({ hasText: item }).first();
  const named = typeof item === 'string'
    ? page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).or(page.getByRole('menu').getByRole('menuitemcheckbox', { name: item, exact: true }))
    : entry;
  await clickAt(page, named);
  await expect(page.getByRole('menu')).toHaveCount(0);
  await restPointer(page);
}

/** Moves the pointer onto the status bar, away from the canvas and the menus. */
export async function restPointer(page: Page): Promise<void> {
  const bar = (await page.getByTestId('status-bar').boundingBox())!;
  await page.mouse.move(bar.x + 4, bar.y + bar.height / 2);
}

/**
 * Runs a toolbar command whether the window is wide enough to show its button or it has folded into
 * the ⋯ menu (layout/toolbar-fold.ts).
 */
export async function toolbarCommand(page: Page, name: string): Promise<void> {
  const button = page.getByRole('toolbar').getByRole('button', { name, exact: true });
  if (await button.count()) await clickAt(page, button);
  else await pickFromMenu(page, 'More commands', name);
}

/**
 * Pans the canvas by (dx, dy) screen pixels with a real mouse drag on an empty spot of the pane (a
 * readable fit can leave part of a wide graph off screen, as a user would then pan).
 */
export async function panBy(page: Page, dx: number, dy: number): Promise<void> {
  const c = (await page.getByTestId('canvas').boundingBox())!;
  const spot = await page.evaluate(({ x, y, width, height }) => {
    for (let fy = 0.05; fy < 0.95; fy += 0.05) {
      for (let fx = 0.3; fx < 0.9; fx += 0.1) {
        const px = x + width * fx;
        const py = y + height * fy;
        if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) return { x: px, y: py };
      }
    }
    return null;
  }, c);
  expect(spot, 'an empty spot of the canvas to drag').not.toBeNull();
  await page.mouse.move(spot!.x, spot!.y);
  await page.mouse.down();
  await page.mouse.move(spot!.x + dx / 2, spot!.y + dy / 2, { steps: 4 });
  await page.mouse.move(spot!.x + dx, spot!.y + dy, { steps: 4 });
  await page.mouse.up();
}

/** Pans until the element is inside the canvas with some room around it. */
export async function panIntoView(page: Page, target: Locator): Promise<void> {
  const c = (await page.getByTestId('canvas').boundingBox())!;
  const b = (await target.boundingBox())!;
  const dx = b.x + b.width > c.x + c.width - 40 ? c.x + c.width - 120 - (b.x + b.width) : b.x < c.x + 40 ? c.x + 60 - b.x : 0;
  const dy = b.y + b.height > c.y + c.height - 40 ? c.y + c.height - 80 - (b.y + b.height) : b.y < c.y + 40 ? c.y + 60 - b.y : 0;
  if (dx !== 0 || dy !== 0) await panBy(page, dx, dy);
}

/**
 * Picks an example from the Examples menu with the mouse, then rests the pointer away from the canvas:
 * left where the menu item was, it would rest on an edge label of the new graph and keep its popover
 * open (issue 8.19).
 */
export async function openExample(page: Page, name: string | RegExp): Promise<void> {
  await pickFromMenu(page, 'Examples', name);
}

/**
 * Zooms out (the canvas's Zoom Out control, as a person would) until the element lies inside the canvas:
 * the readable fit keeps text at 11 px and lets a wide graph run past the canvas's edge (issue 10.2).
 */
export async function zoomOutUntilInCanvas(page: Page, testId: string): Promise<void> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const inside = async (): Promise<boolean> => {
    const b = (await page.getByTestId(testId).boundingBox())!;
    return b.x >= canvas.x && b.x + b.width <= canvas.x + canvas.width - 8 && b.y >= canvas.y && b.y + b.height <= canvas.y + canvas.height;
  };
  for (let i = 0; i < 8 && !(await inside()); i++) {
    const zoom = await page.locator('.react-flow__viewport').getAttribute('style');
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await expect(page.locator('.react-flow__viewport')).not.toHaveAttribute('style', zoom ?? '');
  }
  expect(await inside()).toBe(true);
}
