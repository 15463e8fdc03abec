import type { MessageKey } from '../en.js';

/** German for reminders as they ring (see en/reminders.ts for the parameters). */
export const reminders: Partial<Record<MessageKey, string>> = {
  'reminders.title': 'Erinnerung: {summary}',
  'reminders.titleMissed': 'Verpasste Erinnerung: {summary}',
  'reminders.body': '{when}',
  'reminders.bodyAt': '{when} · {location}',
  'reminders.missed': 'verpasst',
  'reminders.snooze': 'In 5 Min. erinnern',
  'reminders.dismiss': 'Schließen',
};
