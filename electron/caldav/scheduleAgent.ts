/**
 * Keeping a server that schedules by itself (`calendar-auto-schedule` in its DAV header, RFC 6638 §2) quiet:
 * the companion sends iMIP itself, so what it stores must not make the server send a second message. Which
 * property governs depends on whose copy it is (RFC 6638 §3.2):
 * - in the organizer's copy the server schedules each ATTENDEE whose SCHEDULE-AGENT is SERVER (the default),
 *   so every attendee gets SCHEDULE-AGENT=CLIENT;
 * - in an attendee's copy it replies to the ORGANIZER when that property's SCHEDULE-AGENT is SERVER, so the
 *   organizer gets SCHEDULE-AGENT=CLIENT and the attendees are left as they are. Cyrus (3.6) takes an attendee
 *   whose own ATTENDEE property turns CLIENT on a copy it delivered as having left the meeting and sends the
 *   organizer a DECLINED reply, whatever PARTSTAT the copy says.
 * A value the organizer's client chose (SERVER, NONE) is left alone. Whose copy it is comes from the account's
 * calendar-user-address-set; without one, both kinds of property are marked.
 */
import ICAL from 'ical.js';

export function autoSchedules(davHeader: readonly string[]): boolean {
  return davHeader.some((d) => d.toLowerCase() === 'calendar-auto-schedule');
}

/** `mailto:Me@Example.com` and `me@example.com` alike. */
function address(value: unknown): string {
  return String(value ?? '')
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

/** A copy with SCHEDULE-AGENT=CLIENT where the server would otherwise schedule (see the header). */
export function withClientScheduling(vcalendar: ICAL.Component, me: readonly string[] = []): ICAL.Component {
  const mine = new Set(me.map(address).filter((a) => a !== ''));
  const copy = new ICAL.Component(structuredClone(vcalendar.toJSON()) as unknown[]);
  for (const sub of copy.getAllSubcomponents()) {
    const organizer = sub.getFirstProperty('organizer');
    if (!organizer) continue;
    const organizerCopy = mine.has(address(organizer.getFirstValue()));
    const names = !mine.size ? ['organizer', 'attendee'] : organizerCopy ? ['attendee'] : ['organizer'];
    for (const name of names) {
      for (const p of sub.getAllProperties(name))
        if (p.getParameter('schedule-agent') === undefined) p.setParameter('schedule-agent', 'CLIENT');
    }
  }
  return copy;
}
