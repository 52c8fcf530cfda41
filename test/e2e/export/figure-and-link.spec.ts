// Issue 11.5, 11.8, 11.9 in the browser: File → Export figure… downloads an SVG whose <text> is the run's
// numbers and a PNG of the chosen scale's size; a link printed by the CLI opens the same graph with the
// same edge gradients; a damaged link says so and keeps the document; ?embed=1 shows canvas and Step
// panel only. Menus are driven with the real mouse.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compileGraph, parseGraphFile, serializeGraph } from '../../../engine/index.ts';
import { drawFigure } from '../../../interop/index.ts';
import { clickAt, engineOracle, getDocument, pickFromMenu, waitForRun } from '../helpers.ts';
import { openApp } from '../files/files-helpers.ts';

const lectureFile = 'examples/lecture-two-layer.bpgraph';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function cliLink(file: string, base: string): string {
  return execFileSync('npx', ['tsx', 'cli/main.ts', 'link', file, '--base', base], { encoding: 'utf8', timeout: 60_000 }).trim();
}

async function exportFigure(page: Page, format: 'svg' | 'png', scale: string): Promise<Buffer> {
  await pickFromMenu(page, 'File', 'Export figure…');
  const dialog = page.getByTestId('figure-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Figure format').selectOption(format);
  await dialog.getByLabel('Figure scale').selectOption(scale);
  await expect(dialog.getByTestId('figure-size')).toContainText(/^\d+ × \d+ px/);
  const download = page.waitForEvent('download');
  await clickAt(page, dialog.getByRole('button', { name: 'Export', exact: true }));
  const d = await download;
  expect(d.suggestedFilename()).toBe(`lecture-two-layer.${format}`);
  await expect(dialog).toBeHidden();
  return readFileSync(await d.path());
}

test('File → Export figure… downloads an SVG with the run\'s numbers as text and a PNG of the scale\'s size', async ({ page }) => {
  await openApp(page);
  const svg = (await exportFigure(page, 'svg', '1')).toString('utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('>∂L/∂w₁ = −0.00225</text>');
  expect(svg).toContain('>∂L/∂w₂ = 0.0054</text>');
  for (const name of ['x', 'w1', 'h1', 'w2', 'h2', 'y', 'loss']) expect(svg).toContain(`data-node-name="${name}"`);
  // Exactly the CLI's drawing: the engine's own run of the document the page holds, drawn in Node.
  const program = compileGraph(await getDocument(page));
  program.run();
  expect(svg).toBe(drawFigure(await getDocument(page), { results: program.results() }).svg);

  const png = await exportFigure(page, 'png', '2');
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  const { width: w1, height: h1 } = /width="(?<width>\d+)" height="(?<height>\d+)"/.exec(svg)!.groups!;
  expect({ width, height }).toEqual({ width: Number(w1) * 2, height: Number(h1) * 2 });
});

test('a link printed by the CLI opens the same graph with the same edge gradients', async ({ page, baseURL }) => {
  const link = cliLink(lectureFile, `${baseURL}/`);
  expect(link.startsWith(`${baseURL}/#doc=1.`)).toBe(true);
  await page.goto(link);
  await waitForRun(page);
  await expect(page.getByTestId('file-status')).toContainText('from a link');
  const expected = parseGraphFile(readFileSync(lectureFile, 'utf8'));
  const opened = await getDocument(page);
  expect(serializeGraph(opened)).toBe(serializeGraph(expected));
  const oracle = engineOracle(expected);
  for (const [id, e] of Object.entries(oracle.edges)) {
    await expect(page.getByTestId(`edge-label-${id}`)).toHaveAttribute('data-grad', JSON.stringify(e.grad));
  }
  await expect(page.getByTestId('param-grad-line-w1-W')).toHaveText('∂L/∂w₁ = −0.00225');
  // The fragment has left the address bar; nothing of it was needed by the server.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
});

test('Copy link shows the app\'s link (the CLI\'s), and a damaged pasted link says so and keeps the document', async ({ page, baseURL }) => {
  await openApp(page);
  await pickFromMenu(page, 'File', 'Copy link');
  const dialog = page.getByTestId('link-dialog');
  const field = dialog.getByLabel('Document link');
  const link = await field.inputValue();
  expect(link).toBe(cliLink(lectureFile, `${baseURL}/`));
  await expect(dialog.getByTestId('link-length')).toContainText(`${link.length} characters`);
  await clickAt(page, dialog.getByRole('button', { name: 'Close' }));

  const before = serializeGraph(await getDocument(page));
  await pickFromMenu(page, 'File', 'Open link…');
  const open = page.getByTestId('open-link-dialog');
  await open.getByLabel('Link to open').fill(link.slice(0, -25));
  await clickAt(page, open.getByRole('button', { name: 'Open', exact: true }));
  await expect(page.getByTestId('file-error')).toContainText('Cannot open the link: the link is cut short or corrupted');
  await expect(open).toBeVisible();
  expect(serializeGraph(await getDocument(page))).toBe(before);
  await clickAt(page, open.getByRole('button', { name: 'Cancel' }));
  await expect(open).toBeHidden();
});

test('?embed=1 shows the canvas and the Step panel only', async ({ page, baseURL }) => {
  const link = cliLink(lectureFile, `${baseURL}/?embed=1`);
  await page.goto(link);
  await waitForRunOrEmbed(page);
  await expect(page.locator('.step-panel')).toBeVisible();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('node-w1')).toBeVisible();
  for (const gone of [page.getByRole('toolbar'), page.getByTestId('status-bar'), page.getByTestId('menu-file')]) await expect(gone).toHaveCount(0);
  await expect(page.locator('.bps-palette, .bps-inspector, .bps-analysis-dock')).toHaveCount(0);
  // The embed keeps its link (a reload shows the same graph).
  expect(await page.evaluate(() => location.hash)).toMatch(/^#doc=1\./);
  expect(serializeGraph(await getDocument(page))).toBe(serializeGraph(parseGraphFile(readFileSync(lectureFile, 'utf8'))));
});

/** The embed has no status bar: wait for the engine through the page's hook instead. */
async function waitForRunOrEmbed(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as BpsWindow).__bps.getRunStatus().status)).toBe('ok');
}

test('a link pasted into the address of an open tab opens too; a document too long for a link is offered as a file', async ({ page, baseURL }) => {
  await openApp(page);
  const other = parseGraphFile(readFileSync('examples/xor-mlp.bpgraph', 'utf8'));
  const link = cliLink('examples/xor-mlp.bpgraph', `${baseURL}/`);
  await page.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#')));
  await expect(page.getByTestId('file-status')).toContainText('from a link');
  // The same graph (the app then draws the parameters the file leaves to its seed, as on any open).
  const opened = await getDocument(page);
  expect(opened.name).toBe(other.name);
  expect(opened.nodes.map((n) => n.id)).toEqual(other.nodes.map((n) => n.id));
  expect(opened.edges).toEqual(other.edges);

  // A description of 20,000 pseudo-random letters does not compress below 8,000 characters.
  let seed = 7;
  const noise = Array.from({ length: 20_000 }, () => { seed = (seed * 1103515245 + 12345) % 2147483648; return String.fromCharCode(97 + (seed % 26)); }).join('');
  const big = { ...other, description: noise };
  await page.evaluate((g) => (globalThis as unknown as { __bps: { loadDocument(graph: unknown): void } }).__bps.loadDocument(g), big);
  await pickFromMenu(page, 'File', 'Copy link');
  const dialog = page.getByTestId('link-dialog');
  await expect(dialog.getByTestId('link-too-long')).toContainText(/link would be [\d,]+ characters, more than the 8,000 .*share the \.bpgraph file instead/);
  await expect(dialog.getByRole('button', { name: 'Save the file…' })).toBeVisible();
  await expect(dialog.getByLabel('Document link')).toHaveCount(0);
});
