/**
 * What in an attendee's copy of an event belongs to the attendee and survives the organizer's updates: alarms,
 * CATEGORIES, COLOR (RFC 7986 §5.9), TRANSP once the copy has one, and the properties their own calendar
 * client keeps on the event (Thunderbird's X-MOZ-*, Evolution's X-EVOLUTION-*, KOrganizer's X-KDE-*, Apple's travel
 * advisory). Everything else is the organizer's and is replaced. Apple's CalendarServer keeps the same split as
 * "per-user data" (VALARM, TRANSP); users of other products lose reminders or get them twice when it is not kept.
 *
 * The calendar-level properties of the stored VCALENDAR (X-WR-CALNAME, a client's calendar id) and the file the
 * event lives in are untouched: a merge starts from the stored object and is written back under the same UID.
 */
import ICAL from 'ical.js';
import { copyProperty } from '../ical/clone.js';
import { cloneComponent, type Comp } from './components.js';

/** Prefixes of properties a person's own calendar client writes (its state about the event, not the meeting). */
const LOCAL_PREFIXES = ['x-moz-', 'x-evolution-', 'x-kde-', 'x-apple-travel-', 'x-apple-default-alarm'];

/**
 * Properties that are the attendee's once their copy has them: filing and display choices, and whether the event
 * blocks their time. The organizer's TRANSP is the default a new copy starts from; an explicit TRANSP on my copy is
 * mine (set by my client or kept from the invitation), as CalendarServer keeps it per user.
 */
const OWN_PROPERTIES = ['categories', 'color', 'transp'];

function isLocal(name: string): boolean {
  // Every property of both copies is asked: the prefixes all start "x-", which most names do not.
  return name.charCodeAt(0) === 120 && name.charCodeAt(1) === 45 && LOCAL_PREFIXES.some((p) => name.startsWith(p));
}

function copyProps(from: Comp, to: Comp, names: (name: string) => boolean): void {
  // Read and copied as jCal, not through ical.js' property objects or text: wrapping every property of both events
  // to look at its name cost more than the rest of the merge, and whatever ical.js read it can hold again (a
  // re-parse could refuse it). ical.js keeps a component's jCal current, so reading it is safe.
  const drop = new Set<string>();
  for (const p of to.jCal[1] as unknown[][]) if (names(p[0] as string)) drop.add(p[0] as string);
  for (const name of drop) to.removeAllProperties(name);
  for (const p of from.jCal[1] as unknown[][])
    if (names(p[0] as string)) to.addProperty(new ICAL.Property(copyProperty(p)));
}

/**
 * Carries the attendee's own data from the stored component `old` onto the organizer's new `copy`. Alarms are
 * always the stored ones, even none (a person who removed the organizer's reminder does not get it back, and an
 * organizer resending its VALARM with every update never doubles them).
 */
export function carryAttendeeData(old: Comp, copy: Comp): void {
  copy.removeAllSubcomponents('valarm');
  for (const a of old.getAllSubcomponents('valarm')) copy.addSubcomponent(cloneComponent(a));
  copyProps(old, copy, isLocal);
  for (const name of OWN_PROPERTIES) {
    if (old.hasProperty(name)) copyProps(old, copy, (n) => n === name);
  }
}
