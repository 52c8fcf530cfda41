// npm run bench:ui — in headless Chromium: a 200-node graph, one parameter edited in the inspector,
// time from the keypress to the updated edge label, and the longest main-thread task meanwhile.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import type { Graph, GraphEdge, GraphNode } from '../../engine/index.ts';

const PORT = 5179;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** x → (linear 16→16, tanh) × 98 → linear → mse ← target: 200 nodes, batch 8. */
export function deepChain(width = 16, pairs = 98, batch = 8): Graph {
  const nodes: GraphNode[] = [{ id: 'x', kind: 'input', config: { size: width }, value: { shape: [batch, width], data: Array.from({ length: batch * width }, (_, i) => Math.sin(i)) } }];
  const edges: GraphEdge[] = [];
  let prev = 'x';
  const link = (source: string, target: string, targetPort = 'in') => edges.push({ id: `e-${source}-${target}`, source, sourcePort: 'out', target, targetPort });
  for (let i = 0; i < pairs; i++) {
    nodes.push({ id: `l${i}`, kind: 'linear', config: { in: width, out: width } }, { id: `t${i}`, kind: 'tanh' });
    link(prev, `l${i}`);
    link(`l${i}`, `t${i}`);
    prev = `t${i}`;
  }
  nodes.push({ id: 'head', kind: 'linear', config: { in: width, out: width } });
  link(prev, 'head');
  nodes.push({ id: 'y', kind: 'target', config: { size: width }, value: { shape: [batch, width], data: Array.from({ length: batch * width }, (_, i) => Math.cos(i)) } });
  nodes.push({ id: 'loss', kind: 'mse', config: { reduction: 'mean' } });
  link('head', 'loss', 'pred');
  link('y', 'loss', 'target');
  nodes.forEach((n, i) => { n.position = { x: (i % 20) * 220, y: Math.floor(i / 20) * 160 }; });
  return { name: '200-node chain', seed: 1, nodes, edges };
}

async function main(): Promise<void> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  try {
    await waitForServer(`http://localhost:${PORT}`);
    const browser = await chromium.launch({ executablePath: process.env.BPS_CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`http://localhost:${PORT}`);
    await page.waitForFunction(() => window.__bps?.getRunStatus().status === 'ok');
    const graph = deepChain();
    await page.evaluate((g) => window.__bps.loadDocument(g), graph);
    await page.waitForFunction(() => window.__bps.getRunStatus().status === 'ok' && window.__bps.getDocument().nodes.length === 200);
    await page.getByTestId('node-l0').click();
    const samples: { ms: number; longestTaskMs: number }[] = [];
    for (let round = 0; round < 7; round++) {
      await page.evaluate(armMeasurement, 'e-x-l0');
      const cell = page.getByTestId('param-l0-W-0');
      await cell.fill(String(0.1 + round * 0.05));
      await cell.press('Enter');
      samples.push(await page.evaluate(() => (window as unknown as Measured).__bpsMeasure));
    }
    const ms = samples.map((x) => x.ms).sort((a, b) => a - b);
    const longest = Math.max(...samples.map((x) => x.longestTaskMs));
    console.log(JSON.stringify({ bench: 'ui-rerun-200-nodes', nodes: 200, median_ms: ms[ms.length >> 1], max_ms: ms[ms.length - 1], longest_main_thread_task_ms: longest, samples }));
    await browser.close();
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

type Measured = { __bpsMeasure: Promise<{ ms: number; longestTaskMs: number }> };

/** Runs in the page: from the next keydown to the moment the edge label's data-grad changes. */
function armMeasurement(edgeId: string): void {
  const selector = `[data-testid="edge-label-${edgeId}"]`;
  const before = document.querySelector(selector)?.getAttribute('data-grad');
  let start = 0, longest = 0;
  const tasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
  tasks.observe({ type: 'longtask' });
  addEventListener('keydown', () => { start = performance.now(); }, { capture: true, once: true });
  (window as unknown as Measured).__bpsMeasure = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      const now = document.querySelector(selector)?.getAttribute('data-grad');
      if (!start || !now || now === before) return;
      watch.disconnect();
      const ms = performance.now() - start;
      // Let trailing work (re-renders after the label) show up as long tasks too.
      setTimeout(() => { tasks.disconnect(); resolve({ ms, longestTaskMs: longest }); }, 300);
    });
    watch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-grad'], childList: true });
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start at ${url}`);
}

await main();
