// Browser benchmarks (npm run bench:train-ui): same server and browser as the e2e suite, one worker
// so the figures are not shared with another page.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

export default defineConfig({ ...base, testDir: 'bench/ui', testMatch: '*.pw.ts', testIgnore: [], workers: 1, fullyParallel: false });
