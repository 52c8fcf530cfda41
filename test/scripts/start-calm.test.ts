// Issue 10.18: `npm start`'s output is a few calm lines. The first start without Electron's binary and
// without a network says so in one line (no stack traces) and serves the browser version; the build
// prints no [PLUGIN_TIMINGS] report.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start output', () => {
  it('vite build prints nothing at --logLevel warn (no plugin timing report)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bps-build-'));
    try {
      const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', out], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/PLUGIN_TIMINGS|BUNDLER_TIMINGS/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 130_000);

  it('the browser mode start says what it does in a few lines, with no stack trace', async () => {
    const port = String(5390 + Math.floor(Math.random() * 9));
    const child = spawn('node', ['scripts/start.mjs', '--browser'], { env: { ...process.env, BPS_PORT: port }, detached: true });
    let out = '';
    // Without colour codes: vite colours the port ("localhost:\x1b[1m5395\x1b[22m/") where it detects CI.
    const colour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
    const plain = (d: Buffer): string => d.toString().replace(colour, '');
    child.stdout.on('data', (d: Buffer) => { out += plain(d); });
    child.stderr.on('data', (d: Buffer) => { out += plain(d); });
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no server line in:\n${out}`)), 120_000);
        const check = (): void => { if (out.includes(`localhost:${port}/`)) { clearTimeout(t); resolve(); } };
        child.stdout.on('data', check);
        child.on('exit', () => { clearTimeout(t); reject(new Error(`start ended early:\n${out}`)); });
      });
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    expect(out).toContain(`open http://localhost:${port}`);
    expect(out).not.toMatch(/\n\s+at |Error:|PLUGIN_TIMINGS/);
    // Ours (2 lines) and vite preview's own few (its addresses and shortcut help).
    expect(out.trim().split('\n').filter((l) => l.trim()).length, out).toBeLessThanOrEqual(10);
  }, 130_000);
});
