// Launches the real desktop app: opens the lecture example from the command line, runs it, saves
// and reopens. Needs an Electron binary plus `npm run build:app` and the renderer build in dist/.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGraph, parseGraphFile, serializeGraph } from '../../../engine/index.ts';
import { electronBinary } from './electron-binary.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const mainScript = join(root, 'dist-app', 'main.cjs');
const binary = electronBinary();

test.skip(binary === null, 'no Electron binary on this machine (node_modules/electron has no dist/; it cannot be downloaded here)');
test.skip(!existsSync(mainScript) || !existsSync(join(root, 'dist', 'renderer', 'index.html')), 'build first: npm run build:app and the renderer build (dist/renderer/index.html)');

let work: string;
let app: ElectronApplication | undefined;

test.beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'bps-electron-'));
  await copyFile(join(root, 'examples', 'lecture-two-layer.bpgraph'), join(work, 'lecture.bpgraph'));
});
test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await rm(work, { recursive: true, force: true });
});

async function launch(file: string): Promise<ElectronApplication> {
  app = await electron.launch({
    executablePath: binary!,
    args: [mainScript, file],
    cwd: root,
    env: { ...process.env, BPS_USER_DATA_DIR: join(work, 'user-data') },
  });
  return app;
}

test('opens the command-line file from app://bundle, sandboxed, with only the domain verbs', async () => {
  const page = await (await launch(join(work, 'lecture.bpgraph'))).firstWindow();
  await expect(page).toHaveTitle(/lecture\.bpgraph — Backprop Studio/);
  expect(page.url()).toMatch(/^app:\/\/bundle\//);
  const surface = await page.evaluate(() => ({
    verbs: Object.keys((globalThis as unknown as { backprop: object }).backprop).sort(),
    hasRequire: typeof (globalThis as { require?: unknown }).require,
    hasProcess: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(surface.verbs).toEqual(['autosave', 'clearAutosave', 'exportFile', 'isDesktop', 'newDocument', 'onMenuCommand', 'openDropped', 'openExample', 'openExternal', 'openFile', 'openRecent', 'provideDocument', 'recentFiles', 'save', 'saveAs', 'setDirty', 'startupDocument']);
  expect(surface.hasRequire).toBe('undefined');
  expect(surface.hasProcess).toBe('undefined');
});

test('runs the lecture example from the Run menu', async () => {
  const electronApp = await launch(join(work, 'lecture.bpgraph'));
  const page = await electronApp.firstWindow();
  const expected = compileGraph(parseGraphFile(await readFile(join(work, 'lecture.bpgraph'), 'utf8'))).forward();
  await page.getByTestId('status-bar').waitFor();
  await electronApp.evaluate(({ BrowserWindow }) => { BrowserWindow.getAllWindows()[0]!.webContents.send('bps:menu-command', { type: 'run' }); });
  await expect(page.getByTestId('status-loss')).toHaveText(/loss -?\d/);
  const shown = Number((await page.getByTestId('status-loss').innerText()).match(/loss (\S+)/)![1]);
  expect(shown).toBeCloseTo(expected!, 4);
});

test('saves atomically to the opened file and reopens it through Open Recent', async () => {
  const file = join(work, 'lecture.bpgraph');
  const page = await (await launch(file)).firstWindow();
  await expect(page).toHaveTitle(/lecture\.bpgraph/);
  const edited = serializeGraph({ ...parseGraphFile(await readFile(file, 'utf8')), name: 'Saved by the smoke test' });
  const reply = await page.evaluate(async (text) => {
    const api = (globalThis as unknown as { backprop: { setDirty(d: boolean): Promise<void>; save(t: string): Promise<unknown> } }).backprop;
    await api.setDirty(true);
    return api.save(text);
  }, edited);
  expect(reply).toEqual({ status: 'saved', name: 'lecture.bpgraph' });
  expect(await readFile(file, 'utf8')).toBe(edited);
  await expect(page).toHaveTitle(/^lecture\.bpgraph — Backprop Studio$/);

  await app!.close();
  const again = await (await launch(file)).firstWindow();
  const reopened = await again.evaluate(async () => {
    const api = (globalThis as unknown as { backprop: { recentFiles(): Promise<{ id: string }[]>; openRecent(id: string): Promise<{ status: string; text?: string }> } }).backprop;
    const [first] = await api.recentFiles();
    return api.openRecent(first!.id);
  });
  expect(reopened).toMatchObject({ status: 'opened', text: edited });
});
