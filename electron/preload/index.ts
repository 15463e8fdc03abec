/**
 * The preload of the companion window. Runs sandboxed (no Node, `require` limited to 'electron' and a few
 * built-ins), so it is bundled into one CommonJS file by `npm run build:app` (electron/preload/vite.config.mjs →
 * build/electron/preload/index.cjs). Exposes `window.api` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createWindowApi } from './windowApi.js';

contextBridge.exposeInMainWorld('api', createWindowApi(ipcRenderer));
