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

/**
 * Picks an example from the Examples menu, then moves the mouse to the page's corner: left where the
 * menu item was, it would rest on an edge label of the new graph and keep its popover open (issue 8.19).
 */
export async function openExample(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name }).click();
  await page.mouse.move(1, 1);
}
