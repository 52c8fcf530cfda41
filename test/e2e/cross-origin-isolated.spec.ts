// The page is cross-origin isolated (COOP + COEP from vite here, from app:// in the desktop app), so the
// float32 path's helper thread can share memory: SharedArrayBuffer exists in the page and in a worker,
// a blob worker is isolated too, and the app still opens on its example with fonts loaded.
import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers.ts';

test('the page and its workers are cross-origin isolated, and the app still runs', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  await waitForRun(page);
  expect(await page.evaluate(() => crossOriginIsolated && typeof SharedArrayBuffer === 'function')).toBe(true);
  const inWorker = await page.evaluate(() => new Promise<unknown>((resolve) => {
    const url = URL.createObjectURL(new Blob(['postMessage([self.crossOriginIsolated, typeof SharedArrayBuffer])'], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
  }));
  expect(inWorker).toEqual([true, 'function']);
  expect(await page.evaluate(async () => { await document.fonts.ready; return [...document.fonts].filter((f) => f.status === 'error').length; })).toBe(0);
});
