// Shared by the UI benches: the 200-node graph, the preview server, and the in-page measurement.
import { spawn } from 'node:child_process';
import type { Graph, GraphEdge, GraphNode } from '../../engine/index.ts';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

/** Starts `vite preview` on a built folder; returns a stop function. */
export async function startPreview(port: number, outDir?: string): Promise<() => void> {
  const args = ['vite', 'preview', '--port', String(port), '--strictPort', ...(outDir ? ['--outDir', outDir] : [])];
  const server = spawn('npx', args, { stdio: 'ignore', detached: true });
  const stop = (): void => { if (server.pid) process.kill(-server.pid); };
  try {
    await waitForServer(`http://localhost:${port}`);
  } catch (e) {
    stop();
    throw e;
  }
  return stop;
}

export type Sample = { ms: number; longestTaskMs: number; longestGapMs: number };
export type Measured = { __bpsMeasure: Promise<Sample> };

/** Runs in the page: from the next keydown to the moment the edge label's data-grad changes. */
export function armMeasurement(edgeId: string): void {
  const selector = `[data-testid="edge-label-${edgeId}"]`;
  const before = document.querySelector(selector)?.getAttribute('data-grad');
  let start = 0, longest = 0, gap = 0, probing = true;
  const tasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
  tasks.observe({ type: 'longtask' });
  // The 'longtask' entries start at 50 ms; a message ping-pong sees shorter blocks too: the gap
  // between two pongs is the longest stretch (task plus rendering) the page could not respond.
  const channel = new MessageChannel();
  let last = performance.now();
  channel.port1.onmessage = () => {
    const now = performance.now();
    if (start) gap = Math.max(gap, now - last);
    last = now;
    if (probing) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  addEventListener('keydown', () => { start = performance.now(); }, { capture: true, once: true });
  (window as unknown as Measured).__bpsMeasure = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      const now = document.querySelector(selector)?.getAttribute('data-grad');
      if (!start || !now || now === before) return;
      watch.disconnect();
      const ms = performance.now() - start;
      // Let trailing work (re-renders after the label) show up as long tasks too.
      setTimeout(() => { tasks.disconnect(); probing = false; resolve({ ms, longestTaskMs: longest, longestGapMs: Math.round(gap * 10) / 10 }); }, 300);
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
