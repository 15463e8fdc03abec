/**
 * RFC 6638 §7.1: on a server that schedules by itself (`calendar-auto-schedule` in its DAV header), an
 * ORGANIZER or ATTENDEE without SCHEDULE-AGENT makes the server send its own iTIP message. The companion
 * sends iMIP itself, so every such property in what it stores gets SCHEDULE-AGENT=CLIENT; a value the
 * organizer's client chose (SERVER, NONE) is left alone.
 */
import ICAL from 'ical.js';

export function autoSchedules(davHeader: readonly string[]): boolean {
  return davHeader.some((d) => d.toLowerCase() === 'calendar-auto-schedule');
}

/** A copy with SCHEDULE-AGENT=CLIENT on every organizer/attendee that has none. */
export function withClientScheduling(vcalendar: ICAL.Component): ICAL.Component {
  const copy = new ICAL.Component(structuredClone(vcalendar.toJSON()) as unknown[]);
  for (const sub of copy.getAllSubcomponents()) {
    for (const name of ['organizer', 'attendee']) {
      for (const p of sub.getAllProperties(name))
        if (p.getParameter('schedule-agent') === undefined) p.setParameter('schedule-agent', 'CLIENT');
    }
  }
  return copy;
}
