// npm run bench:ui [-- --nodes N] — in headless Chromium: an N-node graph (default 200), one parameter
// edited in the inspector, time from the keypress to the updated edge label, and the longest
// main-thread task meanwhile ('longtask' entries). Prints one JSON line
// {"bench":"rerun","nodes","median_ms","max_ms","longest_task_ms"} (BPS_DETAIL=1 adds the samples).
// npm run bench:ui -- --open N times opening an N-node file instead (open-file.ts).
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { benchOpen } from './open-file.ts';
import { armMeasurement, deepChain, FLAGS, startPreview, type Measured, type Sample } from './harness.ts';

const PORT = Number(process.env.BPS_BENCH_PORT ?? 5179);
const ROUNDS = Number(process.env.BPS_ROUNDS ?? 7);
const { values: args } = parseArgs({ options: { nodes: { type: 'string' }, open: { type: 'string' } } });
/** Nodes = 4 + 2 × pairs (input, target, head, loss, and a linear + tanh per pair). */
const NODES = Number(args.open ?? args.nodes ?? 200);
if (!(Number.isInteger(NODES) && NODES >= 6 && NODES % 2 === 0)) throw new Error(`--nodes must be an even whole number ≥ 6, got ${args.nodes}`);

async function main(): Promise<void> {
  const stop = await startPreview(PORT, process.env.BPS_DIST);
  try {
    const browser = await chromium.launch({ executablePath: process.env.BPS_CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`http://localhost:${PORT}`);
    await page.waitForFunction(() => window.__bps?.getRunStatus().status === 'ok');
    const graph = deepChain(Number(process.env.BPS_WIDTH ?? 16), (NODES - 4) / 2);
    await page.evaluate((g) => window.__bps.loadDocument(g), graph);
    await page.waitForFunction((n) => window.__bps.getRunStatus().status === 'ok' && window.__bps.getDocument().nodes.length === n, NODES, { timeout: 120_000 });
    // BPS_FIT=1: fit the whole graph into view first (zoom ~0.2), so every node and label is on screen.
    const fit = process.env.BPS_FIT === '1';
    if (fit) {
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
      await page.waitForTimeout(500);
    }
    await page.getByTestId('node-l0').click();
    const samples: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await page.evaluate(armMeasurement, 'e-x-l0');
      const cell = page.getByTestId('param-l0-W-0');
      await cell.fill(String(0.1 + round * 0.05));
      await cell.press('Enter');
      samples.push(await page.evaluate(() => (window as unknown as Measured).__bpsMeasure));
    }
    const ms = samples.map((x) => x.ms).sort((a, b) => a - b);
    const longest = Math.max(...samples.map((x) => x.longestTaskMs));
    const gaps = samples.map((x) => x.longestGapMs).sort((a, b) => a - b);
    const line: Record<string, unknown> = { bench: 'rerun', nodes: NODES, median_ms: round1(ms[ms.length >> 1]!), max_ms: round1(ms[ms.length - 1]!), longest_task_ms: round1(longest) };
    if (process.env.BPS_DETAIL === '1') Object.assign(line, { fit, labels: await page.locator('.bps-edge-label').count(), median_longest_gap_ms: gaps[gaps.length >> 1], max_longest_gap_ms: gaps[gaps.length - 1], samples });
    console.log(JSON.stringify(line));
    await browser.close();
  } finally {
    stop();
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

await (args.open === undefined ? main() : benchOpen(PORT, NODES));
