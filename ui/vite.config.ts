import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard (issue 15): plain TypeScript modules bundled into dist/ui, served by the service at /ui.
// Every asset is a file (no inline script or style), so a strict same-origin CSP allows the page.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
    reportCompressedSize: false,
  },
});
