// E2E tests of the browser build, served by `vite preview`, in headless Debian chromium.
import { defineConfig } from '@playwright/test';

const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// BPS_E2E_PORT lets two suites (or a suite and `npm run web`) run side by side.
const port = Number(process.env.BPS_E2E_PORT ?? 5173);
// BPS_E2E_DIST serves another build folder (the default is where `vite build` writes).
const dist = process.env.BPS_E2E_DIST ?? 'dist/renderer';

export default defineConfig({
  testDir: 'test/e2e',
  testIgnore: ['**/electron/**'],
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  // Bounds, not waits: tests wait for states, and on a shared, fully loaded 2-core machine a training
  // test can take several times as long as on an idle one (issue 8.19).
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://localhost:${port}`,
    headless: true,
    viewport: { width: 1400, height: 850 },
    launchOptions: { executablePath: process.env.BPS_CHROMIUM ?? '/usr/bin/chromium', args: chromiumFlags },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
