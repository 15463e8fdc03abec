/**
 * Builds the React renderer (renderer/) into build/renderer/, which the Electron window and the web host serve,
 * and the web host's `window.api` bridge (renderer/src/bridge/) into build/renderer/companion-bridge.js, a module
 * at a fixed name the web host puts before the app's bundle. Relative asset paths (base './') so the output works
 * from file:// and from any URL prefix; no inline scripts (the app runs under `script-src 'self'`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The app's policy, also set as a meta tag in the built page so it holds even where a host forgets the header. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*";

/** Build only: the dev server's React refresh preamble is an inline script the policy would block. */
const cspMeta: Plugin = {
  name: 'imip-csp-meta',
  apply: 'build',
  // Right after <meta charset>, before any script or stylesheet it governs.
  transformIndexHtml: (html) =>
    html.replace(/<meta charset="utf-8" \/>/, `$&\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
};

export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: fromRoot('./build/renderer'),
    emptyOutDir: true,
    // The preload polyfill would be an extra script; Chromium (Electron) supports modulepreload natively.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: fromRoot('./renderer/index.html'),
        'companion-bridge': fromRoot('./renderer/src/bridge/companionBridge.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'companion-bridge' ? '[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
