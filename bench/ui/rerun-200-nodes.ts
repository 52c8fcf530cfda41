// npm run bench:ui — in headless Chromium: a 200-node graph, one parameter edited in the inspector,
// time from the keypress to the updated edge label, and the longest main-thread task meanwhile.
import { chromium } from '@playwright/test';
import { armMeasurement, deepChain, FLAGS, startPreview, type Measured, type Sample } from './harness.ts';

const PORT = 5179;
const ROUNDS = Number(process.env.BPS_ROUNDS ?? 7);

async function main(): Promise<void> {
  const stop = await startPreview(PORT, process.env.BPS_DIST);
  try {
    const browser = await chromium.launch({ executablePath: process.env.BPS_CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`http://localhost:${PORT}`);
    await page.waitForFunction(() => window.__bps?.getRunStatus().status === 'ok');
    const graph = deepChain(Number(process.env.BPS_WIDTH ?? 16));
    await page.evaluate((g) => window.__bps.loadDocument(g), graph);
    await page.waitForFunction(() => window.__bps.getRunStatus().status === 'ok' && window.__bps.getDocument().nodes.length === 200);
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
    console.log(JSON.stringify({
      bench: 'ui-rerun-200-nodes', nodes: 200, fit, labels: await page.locator('.bps-edge-label').count(), median_ms: ms[ms.length >> 1], max_ms: ms[ms.length - 1], longest_main_thread_task_ms: longest,
      median_longest_gap_ms: gaps[gaps.length >> 1], max_longest_gap_ms: gaps[gaps.length - 1], samples,
    }));
    await browser.close();
  } finally {
    stop();
  }
}

await main();
