// Electron smoke tests: build the app first (`npm run build:app` and the renderer build).
import { defineConfig } from '@playwright/test';
import { electronBinary } from './electron-binary.ts';

// The list reporter does not print skip reasons: say here, once, why these tests will be skipped.
if (electronBinary() === null) {
  console.log('Electron smoke tests: SKIPPED, reason: no Electron binary on this machine (node_modules/electron has no dist/ and it cannot be downloaded here). They run wherever `npx electron --version` works.');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
