/**
 * Reminders as they ring: the system notification's title and body (desktop shell and web host), the missed
 * marker and the reminder strip's buttons. `when` is the start, already formatted for the reader's locale and zone.
 */
export const reminders = {
  'reminders.title': 'Reminder: {summary}',
  'reminders.titleMissed': 'Missed reminder: {summary}',
  'reminders.body': '{when}',
  'reminders.bodyAt': '{when} · {location}',
  'reminders.missed': 'missed',
  'reminders.snooze': 'Snooze 5 min',
  'reminders.dismiss': 'Dismiss',
} as const;
