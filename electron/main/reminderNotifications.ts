/**
 * Reminders as the system's notifications (Electron `Notification`): one per `reminderFired` from the app service's
 * reminder clock, with Snooze as an action (macOS shows actions; elsewhere the window's reminder strip has both
 * buttons) and Dismiss as the close button; a click opens the window. A reminder dismissed or snoozed in the
 * window closes its notification. An AUDIO alarm's notification is not silent (`reminderSound`). Respects the
 * notifications setting, as the decisions' notifications do, and speaks the person's language (the app's setting,
 * else the system's).
 */
import { Notification } from 'electron';
import type { AppService } from '../app/appService.js';
import type { DataDir } from '../store/dataDir.js';
import { personWordsOf } from '../settings/language.js';
import { reminderSound, reminderText } from '../shell/reminderText.js';

const SNOOZE_MINUTES = 5;

export function startReminderNotifications(deps: {
  readonly service: AppService;
  readonly data: () => DataDir;
  readonly showWindow: () => void;
}): () => void {
  const { service } = deps;
  // Kept until closed, or the handlers may be collected with the object.
  const open = new Map<string, Notification>();
  const offFired = service.events.on('reminderFired', (r) => {
    const config = deps.data().config();
    if (config.notifications === false || !Notification.isSupported()) return;
    const words = personWordsOf(config);
    open.get(r.key)?.close();
    const n = new Notification({
      ...reminderText(r, words),
      // AUDIO alarms ring with the system's sound; DISPLAY ones stay as the platform shows notifications.
      ...reminderSound(r),
      actions: [{ type: 'button', text: words.t('reminders.snooze') }],
      closeButtonText: words.t('reminders.dismiss'),
    });
    open.set(r.key, n);
    n.on('click', deps.showWindow);
    n.on('action', () => void service.snoozeReminder({ key: r.key, minutes: SNOOZE_MINUTES }));
    n.on('close', () => {
      if (open.get(r.key) === n) open.delete(r.key);
    });
    n.show();
  });
  const offChanged = service.events.on('remindersChanged', ({ reminders }) => {
    const still = new Set(reminders.map((r) => r.key));
    for (const [key, n] of open) if (!still.has(key)) n.close();
  });
  return () => {
    offFired();
    offChanged();
    for (const n of open.values()) n.close();
    open.clear();
  };
}
