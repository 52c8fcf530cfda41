// Browser build of the renderer. `base: './'` so the same build loads from a custom protocol in Electron.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // The app loads from local disk (app:// or localhost), so one ~700 kB chunk costs nothing worth splitting for.
  build: { outDir: 'dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
