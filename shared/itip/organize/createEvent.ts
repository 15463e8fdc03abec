/**
 * A new event I organize (RFC 5546 §3.2.2): the organizer's copy to store and one REQUEST per attendee in the
 * layout `buildRequests` gives every outgoing invitation (each TZID with its VTIMEZONE). My copy gets the default
 * reminder as an accepted invitation does (defaultReminder.ts); the REQUESTs carry no VALARM, since `buildRequests`
 * drops every alarm (each attendee keeps their own).
 */
import ICAL from 'ical.js';
import { completeTimezones } from '../../ical/zones.js';
import { toMailto } from '../../util/address.js';
import { addDefaultReminder } from '../defaultReminder.js';
import { emptyCalendar } from '../edit.js';
import { buildRequests } from '../outgoing.js';
import type { EngineContext, EngineResult } from '../types.js';
import { attendeesToMail, organized, organizeFailed } from './organized.js';
import { replyToken, tokenAddress } from '../replyToken.js';
import { setTimeProp, timeProp } from './eventTimes.js';

export interface NewAttendee {
  readonly address: string;
  /** RFC 5545 §3.2.16: REQ-PARTICIPANT unless the person is optional. */
  readonly optional?: boolean;
  readonly name?: string;
}

export interface NewEvent {
  /** Chosen by the caller (the engine has no randomness). */
  readonly uid: string;
  readonly summary: string;
  readonly start: string;
  readonly end: string;
  readonly tz: string | null;
  readonly allDay: boolean;
  readonly location?: string | null;
  readonly description?: string | null;
  /** RRULE value text, e.g. `FREQ=WEEKLY;COUNT=5`. */
  readonly rrule?: string | null;
  readonly attendees: readonly NewAttendee[];
}

export function createEvent(ev: NewEvent, ctx: EngineContext): EngineResult {
  const head = { method: 'REQUEST', uid: ev.uid, recurrenceId: null };
  const me = ctx.me[0];
  if (!me) return organizeFailed(head, 'invitation', 'ITIP_NOT_ORGANIZER');
  const start = timeProp({ iso: ev.start, tz: ev.tz, allDay: ev.allDay });
  const end = timeProp({ iso: ev.end, tz: ev.tz, allDay: ev.allDay });
  if (!start) return organizeFailed(head, 'invitation', 'ITIP_BAD_VALUE', { property: 'DTSTART' });
  if (!end || end.value <= start.value)
    return organizeFailed(head, 'invitation', 'ITIP_BAD_VALUE', { property: 'DTEND' });
  const cal = emptyCalendar();
  const e = new ICAL.Component('vevent');
  e.addPropertyWithValue('uid', ev.uid);
  e.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  e.addPropertyWithValue('created', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  e.addPropertyWithValue('sequence', 0);
  setTimeProp(e, 'dtstart', start);
  setTimeProp(e, 'dtend', end);
  e.addPropertyWithValue('summary', ev.summary);
  if (ev.location) e.addPropertyWithValue('location', ev.location);
  if (ev.description) e.addPropertyWithValue('description', ev.description);
  if (ev.rrule) {
    try {
      e.addProperty(ICAL.Property.fromString(`RRULE:${ev.rrule.replace(/^RRULE:/i, '')}`));
    } catch {
      return organizeFailed(head, 'invitation', 'ITIP_BAD_VALUE', { property: 'RRULE' });
    }
  }
  e.addPropertyWithValue('status', 'CONFIRMED');
  // With reply tokens on, I organize as `me+token@…` (replyToken.ts): answers find this event by that address.
  const organizer = ctx.replyTokenSecret ? tokenAddress(me, replyToken(ev.uid, ctx.replyTokenSecret)) : me;
  const org = e.addPropertyWithValue('organizer', toMailto(organizer));
  // The organizer as an attendee who accepted, as Google and Outlook write it: my own calendar shows my answer.
  const self = e.addPropertyWithValue('attendee', toMailto(organizer));
  // RFC 5545 §3.2.2: the name attendees' clients show for me.
  const myName = ctx.myNameFor?.(me) ?? null;
  if (myName) for (const p of [org, self]) p.setParameter('cn', myName);
  self.setParameter('role', 'CHAIR');
  self.setParameter('partstat', 'ACCEPTED');
  for (const a of ev.attendees) addAttendee(e, a);
  cal.addSubcomponent(e);
  completeTimezones(cal);
  // I attend as the accepted CHAIR above, so my copy gets the reminder an accepted invitation would.
  addDefaultReminder(cal, organizer, ctx.defaultReminderMinutes, null);
  const { mailed, notMailed } = attendeesToMail(cal, ctx);
  const outgoing = buildRequests({
    calendar: cal,
    me: ctx.me,
    recipients: mailed,
    now: ctx.now,
    subject: 'outgoing.request.invitation',
    text: [{ key: 'outgoing.request.created', params: { summary: ev.summary } }],
  });
  return organized(
    head,
    'invitation',
    cal,
    0,
    { key: 'reason.organize.created', params: { summary: ev.summary, count: outgoing.length } },
    outgoing,
    notMailed,
  );
}

/** A new ATTENDEE: not yet answered, asked to answer (RFC 5546 §3.2.2). */
export function addAttendee(e: ICAL.Component, a: NewAttendee): void {
  const p = e.addPropertyWithValue('attendee', toMailto(a.address));
  if (a.name) p.setParameter('cn', a.name);
  p.setParameter('role', a.optional ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT');
  p.setParameter('partstat', 'NEEDS-ACTION');
  p.setParameter('rsvp', 'TRUE');
}
