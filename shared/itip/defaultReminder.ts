/**
 * The default reminder for meetings I accept: a VALARM written into my calendar copy when I accept (or tentatively
 * accept) and the event has no alarm of its own, as Thunderbird's and Outlook's "default reminder" setting does.
 * Owns only that edit; the minutes come from the person's setting through `EngineContext.defaultReminderMinutes`.
 *
 * RFC 5546 treats alarms as the attendee's own data: they never travel in an outgoing iTIP message (the builders
 * and `serializeItip` drop every VALARM), and an organizer's update keeps them (attendeeData.ts).
 */
import ICAL from 'ical.js';
import { eventsOf, findAttendee, instanceKey, partstatOf, textValue, type Comp } from './components.js';

/** The setting's bounds (a week before the start at most), as electron/settings reads `defaultReminderMinutes`. */
const MAX_MINUTES = 7 * 24 * 60;

/** A usable number of minutes, or null (no default reminder). */
export function reminderMinutes(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_MINUTES ? Math.round(v) : null;
}

/**
 * Adds the default reminder to each component of `cal` (those of `keys`, or all when null) where `me` has accepted
 * or tentatively accepted and no VALARM exists: ACTION DISPLAY, TRIGGER relative to the start (RFC 5545 §3.8.6.3),
 * DESCRIPTION the title (DISPLAY needs one, §3.6.6). Returns how many alarms were added.
 */
export function addDefaultReminder(
  cal: Comp,
  me: string,
  minutes: number | null | undefined,
  keys: ReadonlySet<string> | null,
): number {
  const m = reminderMinutes(minutes);
  if (m === null) return 0;
  let added = 0;
  for (const e of eventsOf(cal)) {
    if (keys && !keys.has(instanceKey(e))) continue;
    const p = partstatOf(findAttendee(e, me));
    if ((p !== 'ACCEPTED' && p !== 'TENTATIVE') || e.getFirstSubcomponent('valarm')) continue;
    e.addSubcomponent(defaultAlarm(m, textValue(e, 'summary') ?? 'Reminder'));
    added++;
  }
  return added;
}

function defaultAlarm(minutes: number, description: string): Comp {
  const a = new ICAL.Component('valarm');
  a.addPropertyWithValue('action', 'DISPLAY');
  const trigger = new ICAL.Property('trigger');
  trigger.setValue(ICAL.Duration.fromSeconds(-minutes * 60));
  a.addProperty(trigger);
  a.addPropertyWithValue('description', description);
  return a;
}
