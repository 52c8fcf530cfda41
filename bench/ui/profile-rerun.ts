// npm run bench:ui:profile [-- --nodes N] — where the main thread's time goes during the N-node re-run (default 200): the long
// tasks broken down by trace event (script, style, layout, paint, GC) and the JS functions by self
// time (CPU profile of an unminified build, so the names are readable).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { armMeasurement, deepChain, FLAGS, startPreview, type Measured } from './harness.ts';

const PORT = Number(process.env.BPS_BENCH_PORT ?? 5180);
const { values: args } = parseArgs({ options: { nodes: { type: 'string', default: '200' } } });
const NODES = Number(args.nodes);
const OUT_DIR = 'dist/bench-profile';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: Record<string, unknown> };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

async function main(): Promise<void> {
  const stop = await startPreview(PORT, OUT_DIR);
  try {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`http://localhost:${PORT}`);
    await page.waitForFunction(() => window.__bps?.getRunStatus().status === 'ok');
    await page.evaluate((g) => window.__bps.loadDocument(g), deepChain(Number(process.env.BPS_WIDTH ?? 16), (NODES - 4) / 2));
    await page.waitForFunction((n) => window.__bps.getRunStatus().status === 'ok' && window.__bps.getDocument().nodes.length === n, NODES, { timeout: 120_000 });
    if (process.env.BPS_FIT === '1') {
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
      await page.waitForTimeout(500);
    }
    await page.getByTestId('node-l0').click();
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const tracing = process.env.BPS_TRACE === '1';
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
    const profiling = process.env.BPS_CPU !== '0';
    if (profiling) await cdp.send('Profiler.start');
    const samples = [];
    for (let round = 0; round < Number(process.env.BPS_ROUNDS ?? 3); round++) {
      await page.evaluate(armMeasurement, 'e-x-l0');
      const cell = page.getByTestId('param-l0-W-0');
      await cell.fill(String(0.2 + round * 0.05));
      await cell.press('Enter');
      samples.push(await page.evaluate(() => (window as unknown as Measured).__bpsMeasure));
    }
    const profile = profiling ? (await cdp.send('Profiler.stop') as unknown as { profile: Profile }).profile : null;
    console.log('rounds', JSON.stringify(samples));
    if (tracing) {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      writeFileSync(`${OUT_DIR}/trace.json`, JSON.stringify(trace));
      summarizeTasks(trace.traceEvents);
    }
    if (profile && process.env.BPS_SAVE === '1') writeFileSync(`${OUT_DIR}/cpu.json`, JSON.stringify(profile));
    if (profile) summarizeProfile(profile);
    await browser.close();
  } finally {
    stop();
  }
}

/** Each main-thread task over 16 ms with its direct and nested event totals. */
function summarizeTasks(events: TraceEvent[]): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! > 16_000);
  for (const t of tasks) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
    const by = new Map<string, number>();
    for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur!);
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
    console.log(`task ${(t.dur! / 1000).toFixed(1)} ms: ${top.join(', ')}`);
  }
}

/** JS time per function over the whole profile (self and inclusive), top 40 of each. */
function summarizeProfile(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>(), total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const key = keyOf(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(byId.get(at)!));
    for (const k of seen) total.set(k, (total.get(k) ?? 0) + dt);
  });
  const show = (m: Map<string, number>): void => {
    for (const [k, us] of [...m].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BPS_TOP ?? 40))) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  };
  const focus = process.env.BPS_FOCUS;
  if (focus) {
    // Inclusive time of what runs directly under the focused function.
    const under = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i + 1] ?? 0;
      let child: number | undefined;
      for (let at: number | undefined = id; at !== undefined; child = at, at = parent.get(at)) {
        if (byId.get(at)!.callFrame.functionName === focus) {
          const k = child === undefined ? '(self)' : keyOf(byId.get(child)!);
          under.set(k, (under.get(k) ?? 0) + dt);
          break;
        }
      }
    });
    console.log(`--- under ${focus}`);
    for (const [k, us] of [...under].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  }
  const callersOf = process.env.BPS_CALLERS;
  if (callersOf) {
    // Self time of the named function by the chain of its three nearest callers.
    const chains = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      if (byId.get(id)!.callFrame.functionName !== callersOf) return;
      const chain: string[] = [];
      for (let at = parent.get(id); at !== undefined && chain.length < 3; at = parent.get(at)) chain.push(keyOf(byId.get(at)!));
      const k = chain.join(' < ');
      chains.set(k, (chains.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
    });
    console.log(`--- callers of ${callersOf}`);
    for (const [k, us] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  }
  console.log('--- self'); show(self);
  console.log('--- inclusive'); show(total);
}

await main();
