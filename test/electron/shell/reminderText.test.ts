/**
 * A ringing reminder's notification text (electron/shell/reminderText.ts) in English and German, from the catalogue:
 * the title marks a missed reminder, the body gives date and time (only the date for an all-day event) and the place.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/index.js';
import type { ReminderView } from '../../../shared/ipc/contract.js';
import { reminderSound, reminderText } from '../../../electron/shell/reminderText.js';

const base: ReminderView = {
  key: 'k',
  uid: 'u',
  recurrenceId: null,
  summary: 'Planning',
  location: 'Room 7',
  action: 'DISPLAY',
  description: 'Bring the figures',
  fireAt: '2026-03-10T08:45:00.000Z',
  fireMs: Date.parse('2026-03-10T08:45:00.000Z'),
  start: '2026-03-10T09:00:00Z',
  allDay: false,
  firedAt: '2026-03-10T08:45:00.000Z',
  missed: false,
};

describe('reminder notification text', () => {
  it('English: title, time and place, the alarm description on its own line', () => {
    const t = createTranslator('en');
    const r = reminderText(base, t, 'Europe/Berlin');
    expect(r.title).toBe('Reminder: Planning');
    // 09:00Z is 10:00 in Berlin (ICU puts a narrow no-break space before AM).
    expect(r.body).toMatch(/^Mar 10, 2026, 10:00\s?AM · Room 7\nBring the figures$/u);
  });

  it('German, missed, all-day, no place', () => {
    const t = createTranslator('de');
    const r = reminderText(
      { ...base, missed: true, allDay: true, start: '2026-03-10', location: null },
      t,
      'America/Los_Angeles',
    );
    expect(r.title).toBe('Verpasste Erinnerung: Planning');
    expect(r.body).toBe('10.03.2026\nBring the figures');
  });

  it('an AUDIO alarm rings with the system sound (silent: false); a DISPLAY alarm stays as it was', () => {
    expect(reminderSound({ ...base, action: 'AUDIO' })).toEqual({ silent: false });
    expect(reminderSound(base)).toEqual({});
  });
});
