/**
 * The desktop app's composition root (Electron main process, ESM): one window, the app:// protocol, IPC, tray and
 * notifications, start at login, the mail agent. The data dir, the app service and the agent come from
 * openCompanion (electron/companion/), like the web host's and the CLI's; everything that does not need Electron
 * is tested under plain Node, and this file only wires it. Started by `npm start` (scripts/start.mjs).
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { defaultDataDir } from '../store/defaultDataDir.js';
import type { AppService } from '../app/appService.js';
import { openCompanion } from '../companion/openCompanion.js';
import { oauthClientsFromEnv } from '../settings/oauthClients.js';
import { setSystemLanguages } from '../settings/language.js';
import { projectRoot, rendererDir } from '../shell/paths.js';
import { forwardEvents, registerMainApi, registerOpenExternal } from '../ipc/registerMainApi.js';
import { openDesktopSettings } from './settings.js';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow, lockDownContents, lockDownSession } from './window.js';
import { startTray } from './tray.js';
import { startReminderNotifications } from './reminderNotifications.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

if (!app.requestSingleInstanceLock()) {
  // Another companion already runs: it shows its window (second-instance) and this one leaves.
  app.quit();
} else {
  app.whenReady().then(main, (e: unknown) => {
    log(`iMIP Companion could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  const root = projectRoot();
  const prefs = openDesktopSettings();
  // The language "as the system says" of the mail sent on my behalf: the desktop's, not the environment's.
  const systemLanguages = [app.getLocale(), ...app.getPreferredSystemLanguages()];
  setSystemLanguages(systemLanguages);
  const companion = await openCompanion({
    dataDir: prefs.store.get('dataDir') ?? defaultDataDir(),
    stores: { accounts: prefs.accounts, secrets: prefs.secrets, tokens: () => prefs.tokens },
    oauthClients: oauthClientsFromEnv(),
    log,
  });
  const { service } = companion;

  lockDownSession();
  serveRenderer(rendererDir(root));
  const size = prefs.store.get('window');
  let win = openWindow(root, size.width, size.height, !process.argv.includes('--hidden'));
  const showWindow = (): void => {
    if (win.isDestroyed()) win = openWindow(root, size.width, size.height, true);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  app.on('second-instance', showWindow);

  const senderPolicy = { webContentsId: () => (win.isDestroyed() ? null : win.webContents.id), origin: APP_ORIGIN };
  registerMainApi(ipcMain, service, senderPolicy, log);
  registerOpenExternal(ipcMain, senderPolicy, (url) => shell.openExternal(url), log);
  forwardEvents(service.events, (name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(name, payload);
  });

  let quitting = false;
  const stopTray = startTray({ data: companion.data, service, showWindow, quit: () => app.quit() });
  const stopReminders = startReminderNotifications({
    service,
    data: () => companion.store.current,
    showWindow,
  });
  // After the listeners: a reminder missed while the app was closed rings at once, as a notification.
  await service.startReminders();
  void applyLoginItem(service);
  // The agents of the saved accounts run from openCompanion, restarted there when an account changes.
  service.events.on('settingsChanged', () => void applyLoginItem(service));

  // Closing the window keeps the companion in the tray; Quit (tray menu, Cmd-Q) ends it.
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    win.hide();
  });
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the agent finish the message in hand (store, send, mark) before the process ends.
    event.preventDefault();
    quitting = true;
    stopTray();
    stopReminders();
    void companion.close().finally(() => app.quit());
  });
}

function openWindow(root: string, width: number, height: number, show: boolean): BrowserWindow {
  return createMainWindow({
    preload: path.join(root, 'build', 'electron', 'preload', 'index.cjs'),
    url: `${APP_ORIGIN}/index.html`,
    width,
    height,
    show,
  });
}

async function applyLoginItem(service: AppService): Promise<void> {
  const settings = await service.getSettings();
  app.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: ['--hidden'] });
}
