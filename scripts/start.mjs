// npm start: build, then open the desktop app on the lecture example. Where Electron's binary cannot be
// had (it downloads on first launch; offline machines cannot), say so and serve the same app to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const EXAMPLE = 'examples/lecture-two-layer.bpgraph';
/** The browser version's port (BPS_PORT lets a second copy run beside another). */
const PORT = process.env.BPS_PORT ?? '5173';
const marker = 'node_modules/.cache/backprop-studio/electron-unavailable';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** npm's own notices (config warnings, update hints) are not part of starting the app. */
const env = { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' };

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function serveInBrowser(reason) {
  console.log(`\n${reason}\nStarting the browser version instead: open http://localhost:${PORT} (Ctrl+C stops it).\n`);
  run(npm, ['exec', '--', 'vite', 'build', '--logLevel', 'warn']);
  spawn(npm, ['exec', '--', 'vite', 'preview', '--port', PORT, '--strictPort'], { stdio: 'inherit', env }).on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv.includes('--browser')) {
  serveInBrowser('Browser mode requested.');
} else if (existsSync(marker) && !process.env.BPS_RETRY_ELECTRON) {
  serveInBrowser(`Electron's binary could not be downloaded on an earlier start (${readFileSync(marker, 'utf8').trim()}).\nWith internet access, run BPS_RETRY_ELECTRON=1 npm start to try again.`);
} else {
  run(npm, ['run', '-s', 'build:app']);
  run(npm, ['exec', '--', 'vite', 'build', '--logLevel', 'warn']);
  const args = ['dist-app/main.cjs', EXAMPLE];
  const binary = electronBinary();
  if (!binary) console.log("Electron's binary is not installed yet: downloading it (first start only)…");
  // Without a binary, electron's own CLI downloads it first; that is the one step that needs internet.
  // Its output is held back until the app runs: a failed download is one calm line, not stack traces.
  const child = binary ? spawn(binary, args, { stdio: 'inherit' }) : spawn(npm, ['exec', '--', 'electron', ...args], { stdio: ['inherit', 'pipe', 'pipe'], env });
  let held = '';
  let live = false;
  const goLive = () => {
    if (live) return;
    live = true;
    process.stderr.write(held);
    held = '';
  };
  child.stdout?.on('data', (d) => { if (live) process.stdout.write(d); else held += d; });
  child.stderr?.on('data', (d) => { if (live) process.stderr.write(d); else held += d; });
  // Once the binary is in place the app is starting, and what it prints is the user's to see.
  const watch = binary ? undefined : setInterval(() => { if (electronBinary()) { clearInterval(watch); goLive(); } }, 500);
  child.on('exit', (code) => {
    clearInterval(watch);
    if (code === 0 || binary || live) process.exit(code ?? 0);
    if (!/failed to install correctly|fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|download/i.test(held)) {
      goLive();
      process.exit(code ?? 1);
    }
    const cause = held.match(/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/)?.[0] ?? 'no network';
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, `${new Date().toISOString()}: no network to download Electron (${cause})\n`);
    serveInBrowser(`Electron's binary could not be downloaded (${cause}: no internet here).`);
  });
}
process.on('exit', () => { if (process.env.BPS_RETRY_ELECTRON && electronBinary()) rmSync(marker, { force: true }); });
