import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Bounds, not waits: the torch oracle, the type-checker probes and the crash tests start processes that
    // take ten times as long on a shared, fully loaded 2-core machine as on an idle one (issue 8.19).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
