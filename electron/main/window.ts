/**
 * The one companion window and the session rules around it: sandboxed renderer with context isolation, no Node,
 * web security on; the CSP as a response header on everything the session loads; nothing from the network; no
 * navigation away, no new windows, no webviews, no permissions.
 */
import { BrowserWindow, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shell/rendererFiles.js';

/** Schemes the window may load: our own pages, inline images, and the developer tools. */
const ALLOWED_URL = /^(app:\/\/companion\/|data:|devtools:)/;

export function lockDownSession(): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !ALLOWED_URL.test(details.url) }));
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

/** Applied to every webContents the app creates (the window, devtools). */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(opts: {
  preload: string;
  url: string;
  width: number;
  height: number;
  show: boolean;
}): BrowserWindow {
  const win = new BrowserWindow({
    width: opts.width,
    height: opts.height,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'iMIP Companion',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (opts.show) win.show();
  });
  void win.loadURL(opts.url);
  return win;
}
