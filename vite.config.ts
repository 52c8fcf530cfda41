// Browser build of the renderer. `base: './'` so the same build loads from a custom protocol in Electron.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const CROSS_ORIGIN_ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  plugins: [react()],
  // No "[PLUGIN_TIMINGS]" report after every build (issue 10.18): on a shared 2-core machine plugins are
  // always "slow", and the report says nothing a user of `npm start` can act on.
  worker: { format: 'es', rolldownOptions: { checks: { bundlerTimings: false } } },
  // The app loads from local disk (app:// or localhost), so one ~1.7 MB chunk costs nothing worth splitting for.
  build: { outDir: 'dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2500, rolldownOptions: { checks: { bundlerTimings: false } } },
  // Cross-origin isolated as under app:// (app/main/protocol.ts), so `npm run web` gets the second thread too.
  server: { port: 5173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
  preview: { port: 5173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
});
