/**
 * Reminders as the main process rings them (electron/reminders: one clock whether or not a window is open): the
 * ones showing (`listReminders`, then `remindersChanged`) in a strip with Snooze (5 minutes) and Dismiss, kept in the
 * data dir so a reload or restart does not ring again. In the web host a ringing reminder (`reminderFired`) is also
 * a browser notification where the person allowed them, and an AUDIO alarm plays the built-in chime
 * (lib/reminderSound.ts; DISPLAY alarms stay silent); the desktop shell shows the system's own notification, with its
 * sound for AUDIO, from the main process, so the page adds neither.
 */
import { useEffect, useState } from 'react';
import { getApi } from '../api';
import type { ReminderView } from '../../../shared/ipc/contract.js';
import { useWords } from '../lib/i18n';
import { hostInfo } from '../lib/host';
import { playReminderSound, prepareReminderSound } from '../lib/reminderSound';

const SNOOZE_MINUTES = 5;

function notifyInBrowser(title: string, body: string, tag: string): void {
  try {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    /* notifications refused by the platform: the strip still shows it */
  }
}

export function Reminders() {
  const w = useWords();
  const [showing, setShowing] = useState<readonly ReminderView[]>([]);

  useEffect(() => {
    const api = getApi();
    let live = true;
    void api.listReminders().then((r) => {
      if (live && r.ok) setShowing(r.value);
    });
    const offChanged = api.on('remindersChanged', ({ reminders }) => setShowing(reminders));
    const web = hostInfo().kind === 'web';
    const stopPreparing = web ? prepareReminderSound() : () => undefined;
    const offFired = api.on('reminderFired', (r) => {
      if (!web) return;
      if (r.action === 'AUDIO') playReminderSound();
      const title = w.t(r.missed ? 'reminders.titleMissed' : 'reminders.title', { summary: r.summary });
      notifyInBrowser(title, w.time.span({ start: r.start, end: null, allDay: r.allDay }), r.key);
    });
    return () => {
      live = false;
      offChanged();
      offFired();
      stopPreparing();
    };
  }, [w]);

  const act = async (call: Promise<{ ok: boolean; value?: readonly ReminderView[] }>): Promise<void> => {
    const r = await call;
    if (r.ok && r.value) setShowing(r.value);
  };

  if (showing.length === 0) return null;
  return (
    <section className="reminders" aria-label={w.t('ui.organize.reminders')} role="region">
      {showing.map((a) => (
        <div key={a.key} className="reminder" role="alert">
          <span className="reminder-text">
            <strong>{a.summary}</strong> · {w.time.span({ start: a.start, end: null, allDay: a.allDay })}
            {a.location ? ` · ${a.location}` : ''}
            {a.description && a.description !== a.summary ? ` — ${a.description}` : ''}
            {a.missed ? ` (${w.t('reminders.missed')})` : ''}
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => void act(getApi().snoozeReminder({ key: a.key, minutes: SNOOZE_MINUTES }))}
          >
            {w.t('reminders.snooze')}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void act(getApi().dismissReminder({ key: a.key }))}
          >
            {w.t('reminders.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
