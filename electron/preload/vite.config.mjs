// Bundles the sandboxed preload into a single CommonJS file: a sandboxed preload can `require('electron')` but no
// file of ours, so electron/preload/index.ts and what it imports (the shared IPC contract) become one script.
// `npm run build:app` runs this; PRELOAD_OUT_DIR lets the tests build into a temporary folder.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromHere = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: process.env.PRELOAD_OUT_DIR ?? fromHere('../../build/electron/preload'),
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    target: 'node22',
    lib: { entry: fromHere('./index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
