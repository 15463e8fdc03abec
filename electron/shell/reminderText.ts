/**
 * A ringing reminder's system notification in the person's language: title (the event, marked when it was missed)
 * and body (when it starts, where), from the catalogue's `reminders.*` group; the start is formatted with Intl for
 * the translator's locale and the person's zone (only the date for an all-day event, RFC 5545 DATE values have no
 * zone). Plain text: the platform renders it. An AUDIO alarm (RFC 5545 §3.6.6) rings with the system's notification
 * sound (`reminderSound`); its ATTACH is never fetched.
 */
import type { ReminderView } from '../../shared/ipc/contract.js';
import type { Translator } from '../../shared/i18n/index.js';

export function reminderText(r: ReminderView, t: Translator, timeZone?: string): { title: string; body: string } {
  const summary = r.summary.slice(0, 200);
  const when = r.allDay
    ? new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${r.start.slice(0, 10)}T00:00:00Z`),
      )
    : new Intl.DateTimeFormat(t.locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }).format(new Date(r.start));
  const body = r.location ? t.t('reminders.bodyAt', { when, location: r.location }) : t.t('reminders.body', { when });
  const description = r.description && r.description !== r.summary ? `\n${r.description}` : '';
  return {
    title: t.t(r.missed ? 'reminders.titleMissed' : 'reminders.title', { summary }),
    body: `${body}${description}`.slice(0, 300),
  };
}

/**
 * The notification's sound: `silent: false` for an AUDIO alarm, so the platform plays its notification sound; a
 * DISPLAY alarm's notification is left to the platform's default, as before.
 */
export function reminderSound(r: Pick<ReminderView, 'action'>): { silent?: false } {
  return r.action === 'AUDIO' ? { silent: false } : {};
}
