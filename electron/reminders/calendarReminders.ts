/**
 * The reminder clock over the data dir: alarms computed by the pure shared/calendar/nextAlarms.ts from the calendar
 * as it is at each look (reloaded when another process wrote), my addresses and the default-reminder setting from
 * config.json, the clock's state in `state/reminders.json`. Real timers unless the caller passes its own.
 */
import { alarmsBetween } from '../../shared/calendar/nextAlarms.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { reminderMinutesOf } from '../settings/schedulingSettings.js';
import { ReminderClock, type ReminderNotifier, type ReminderTimers } from './reminderClock.js';

export const SYSTEM_TIMERS: ReminderTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The clock never keeps a process alive on its own (the CLI's `web` ends when its server closes).
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export async function openCalendarReminders(
  store: SharedDataDir,
  opts: { notifier: ReminderNotifier; timers?: ReminderTimers; log?: (line: string) => void; fsync?: boolean },
): Promise<ReminderClock> {
  return ReminderClock.open(
    store.root,
    {
      alarms: (from, to) =>
        store.run(
          (data) =>
            Promise.resolve(
              alarmsBetween(data.calendar.entries(), from, to, data.config().me, {
                defaultMinutes: reminderMinutesOf(data.config()),
              }),
            ),
          { write: false },
        ),
      timers: opts.timers ?? SYSTEM_TIMERS,
      notifier: opts.notifier,
      ...(opts.log ? { log: opts.log } : {}),
    },
    opts.fsync === undefined ? {} : { fsync: opts.fsync },
  );
}
