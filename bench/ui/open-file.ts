// npm run bench:ui -- --open N — in headless Chromium: an N-node chain file opened through File → Open…
// (the page's file input, as a user picks it), timed from the pick until the canvas shows nodes and the
// status bar reports the run; the longest main-thread task meanwhile ('longtask' entries). Prints one
// JSON line {"bench":"open","nodes","ms","longest_task_ms"} (BPS_DETAIL=1 adds the rendered node count).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serializeGraph } from '../../engine/index.ts';
import { deepChain, FLAGS, startPreview } from './harness.ts';

type OpenSample = { ms: number; longestTaskMs: number; progressSeen: boolean; rendered: number };

/** Runs in the page: from the file pick to nodes on the canvas and a finished run. */
function armOpenMeasurement(nodes: number): void {
  let longest = 0, progressSeen = false;
  const tasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
  tasks.observe({ type: 'longtask' });
  const start = performance.now();
  const bps = (window as unknown as { __bps: { getRunStatus(): { status: string } } }).__bps;
  // The title names the file once it is the document (getDocument() would clone 10,000 nodes per look).
  const title = `chain-${nodes}.bpgraph`;
  (window as unknown as { __bpsOpen: Promise<OpenSample> }).__bpsOpen = new Promise((resolve) => {
    // An interval, not a named inner function: tsx would wrap that in a helper the page lacks.
    const timer = setInterval(() => {
      if (document.querySelector('[data-testid="open-progress"]')) progressSeen = true;
      const rendered = document.querySelectorAll('.react-flow__node').length;
      if (rendered === 0 || !document.title.startsWith(title) || bps.getRunStatus().status !== 'ok') return;
      clearInterval(timer);
      const ms = performance.now() - start;
      // Let trailing work (fit of the view, autosave) show up as long tasks too.
      setTimeout(() => { tasks.disconnect(); resolve({ ms, longestTaskMs: longest, progressSeen, rendered }); }, 500);
    }, 50);
  });
}

export async function benchOpen(port: number, nodes: number): Promise<void> {
  const stop = await startPreview(port, process.env.BPS_DIST);
  try {
    const browser = await chromium.launch({ executablePath: process.env.BPS_CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    // As the e2e file tests: without File System Access pickers, Open… uses the file input.
    await page.addInitScript(`for (const name of ['showOpenFilePicker', 'showSaveFilePicker']) Object.defineProperty(window, name, { value: undefined, configurable: true });`);
    await page.goto(`http://localhost:${port}`);
    await page.waitForFunction(() => window.__bps?.getRunStatus().status === 'ok');
    const text = serializeGraph({ ...deepChain(Number(process.env.BPS_WIDTH ?? 16), (nodes - 4) / 2), name: `${nodes}-node chain` });
    const file = join(mkdtempSync(join(tmpdir(), 'bps-open-')), `chain-${nodes}.bpgraph`);
    writeFileSync(file, text);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('toolbar').getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Open…', exact: true }).click();
    const picked = await chooser;
    // BPS_PROFILE=1 (with an unminified build in BPS_DIST) prints the JS functions by self time.
    const cdp = process.env.BPS_PROFILE === '1' ? await page.context().newCDPSession(page) : null;
    if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
    await page.evaluate(armOpenMeasurement, nodes);
    // A path, not a buffer: Playwright then hands the browser the file (CDP) instead of decoding a
    // 3 MB buffer in the page, a half-second task that would be counted as the app's.
    await picked.setFiles(file);
    const s = await page.evaluate(() => (window as unknown as { __bpsOpen: Promise<OpenSample> }).__bpsOpen);
    const line: Record<string, unknown> = { bench: 'open', nodes, ms: round1(s.ms), longest_task_ms: round1(s.longestTaskMs) };
    if (process.env.BPS_DETAIL === '1') Object.assign(line, { progress_seen: s.progressSeen, rendered_nodes: s.rendered, bytes: text.length });
    console.log(JSON.stringify(line));
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      // BPS_PROFILE_OUT=path keeps the whole profile (e.g. for chrome://inspect or a per-task look).
      if (process.env.BPS_PROFILE_OUT) writeFileSync(process.env.BPS_PROFILE_OUT, JSON.stringify(profile));
      printSelfTimes(profile);
    }
    await browser.close();
  } finally {
    stop();
  }
}

type Profile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] };

/** The 25 functions with the most self time, then the 25 with the most total time (a function counted once per sample). */
function printSelfTimes(p: Profile): void {
  const frame = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number): string => { const f = frame.get(id)!; return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`; };
  const self = new Map<string, number>(), total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(name(at));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + ms);
  });
  for (const [title, m] of [['self', self], ['total', total]] as const) {
    console.log(`-- ${title}`);
    for (const [key, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BPS_TOP ?? 25))) console.log(`${ms.toFixed(0).padStart(8)} ms  ${key}`);
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
