/**
 * The tray icon (with the number of open decisions) and one desktop notification per new decision; clicking the
 * notification shows the window and tells the renderer which decision to open (`decisionOpened`).
 */
import { Menu, Notification, Tray, nativeImage, type NativeImage } from 'electron';
import type { AppService } from '../app/appService.js';
import type { DataDir } from '../store/dataDir.js';
import { DecisionNotifier, notificationText, trayWords } from '../shell/newDecisions.js';
import { personWordsOf } from '../settings/language.js';
import { trayIconPng } from '../shell/trayIcon.js';

export interface TrayDeps {
  readonly data: DataDir;
  readonly service: AppService;
  readonly showWindow: () => void;
  readonly quit: () => void;
}

export function startTray(deps: TrayDeps): () => void {
  const { data, service } = deps;
  const icons: Record<'idle' | 'badge', NativeImage> = {
    idle: nativeImage.createFromBuffer(trayIconPng(32, false), { scaleFactor: 2 }),
    badge: nativeImage.createFromBuffer(trayIconPng(32, true), { scaleFactor: 2 }),
  };
  const tray = new Tray(icons.idle);
  tray.on('click', deps.showWindow);
  const notifier = new DecisionNotifier(data.pending.list());
  const notifications = new Set<Notification>();

  // In the person's language (the app's setting, else the system's), read again at each change.
  const render = (count: number): void => {
    const words = trayWords(count, personWordsOf(data.config()));
    tray.setImage(count > 0 ? icons.badge : icons.idle);
    tray.setToolTip(words.tooltip);
    if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.status, enabled: false },
        { label: words.open, click: deps.showWindow },
        { type: 'separator' },
        { label: words.quit, click: deps.quit },
      ]),
    );
  };

  const notify = (): void => {
    const fresh = notifier.next(data.pending.list());
    if (data.config().notifications === false || !Notification.isSupported()) return;
    const words = personWordsOf(data.config());
    for (const d of fresh) {
      const n = new Notification(notificationText(d, words));
      // Keep a reference until it is dismissed, or the click handler may be collected.
      notifications.add(n);
      n.on('click', () => {
        deps.showWindow();
        service.events.emit('decisionOpened', { id: d.id });
      });
      n.on('close', () => notifications.delete(n));
      n.show();
    }
  };

  render(data.pending.size);
  const off = service.events.on('decisionsChanged', ({ count }) => {
    render(count);
    notify();
  });
  const offSettings = service.events.on('settingsChanged', () => render(data.pending.size));
  return () => {
    off();
    offSettings();
    tray.destroy();
  };
}
