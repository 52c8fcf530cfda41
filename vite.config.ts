// Browser build of the renderer. `base: './'` so the same build loads from a custom protocol in Electron.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
