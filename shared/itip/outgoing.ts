/**
 * Building outgoing iTIP messages (RFC 5546 §3.2) as plain `OutgoingItip` values: REPLY, REQUEST per recipient
 * (restricted to the instances that recipient attends, §3.2.6 / CalConnect "one mail per attendee"),
 * DECLINECOUNTER, REFRESH and the free/busy REPLY. Every message carries a VTIMEZONE for each TZID it uses.
 */
import ICAL from 'ical.js';
import type { MessageKey } from '../i18n/index.js';
import { commentParagraph, type ItipMethod, type OutgoingItip } from '../model/outgoing.js';
import { zonesForSending } from '../ical/zones.js';
import { serializeCalendar } from '../ical/serialize.js';
import { formatIso } from '../ical/time.js';
import { normalizeAddress, toMailto } from '../util/address.js';
import { imipAllowed } from './imipPatterns.js';
import {
  attendeeProps,
  cloneComponent,
  findAttendee,
  organizerProp,
  param,
  propAddress,
  propRecipient,
  recurrenceIdOf,
  removePropertiesWhere,
  sequenceOf,
  textValue,
  type Comp,
  type Prop,
} from './components.js';

export const PRODID = '-//iMIP Companion//iMIP Companion 0.1//EN';

/** A VCALENDAR with METHOD around the given components, the zones they need taken from `source`. */
export function serializeItip(method: ItipMethod, components: readonly Comp[], source: Comp | null): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  cal.addPropertyWithValue('method', method);
  for (const tz of zonesForSending(components, source)) cal.addSubcomponent(tz);
  for (const c of components) {
    dropSchedulingParams(c);
    // Alarms are each calendar user's own data (a REPLY must carry none, RFC 5546 §3.2.3; RFC 6638 §3.2.8 keeps
    // them per user): a reminder of mine never reaches anyone else's calendar, whatever the method.
    c.removeAllSubcomponents('valarm');
    cal.addSubcomponent(c);
  }
  return serializeCalendar(cal);
}

/** Parameters that steer CalDAV scheduling or record its delivery (RFC 6638 §7.1-7.3): never sent in iTIP. */
const LOCAL_SCHEDULING_PARAMS = ['schedule-agent', 'schedule-force-send', 'schedule-status'];

/**
 * Removes those parameters from ORGANIZER and ATTENDEE; every outgoing message passes here. The builders hand in
 * components made for the message, never the stored ones, so this edits them in place.
 */
function dropSchedulingParams(c: Comp): void {
  for (const p of [...attendeeProps(c), ...c.getAllProperties('organizer')])
    for (const name of LOCAL_SCHEDULING_PARAMS) p.removeParameter(name);
}

/**
 * Whether we deliver scheduling messages for this ORGANIZER or ATTENDEE (RFC 6638 §7.1): not when SCHEDULE-AGENT
 * is NONE (nobody is to be told); CLIENT names a calendar client, which here is us; SERVER (the default) would be a
 * CalDAV server's job, but no server schedules for mail-borne invitations, so we do.
 */
export function weSchedule(p: Prop | null): boolean {
  return !p || (param(p, 'schedule-agent') ?? '').toUpperCase() !== 'NONE';
}

function setStamp(c: Comp, now: number): void {
  c.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(now), true));
}

const REPLY_KEEP = new Set([
  'uid',
  'recurrence-id',
  'sequence',
  'dtstart',
  'dtend',
  'duration',
  'summary',
  'organizer',
  'location',
]);

/**
 * REPLY for one or more instances (RFC 5546 §3.2.3): exactly one ATTENDEE (mine), ORGANIZER, UID, SEQUENCE and
 * RECURRENCE-ID as stored, a fresh DTSTAMP, optional COMMENT. Never bumps SEQUENCE (tutao/tutanota#2807).
 */
export function buildReply(args: {
  components: readonly Comp[];
  source: Comp;
  me: string;
  partstat: string;
  comment: string | null;
  now: number;
  extraAttendeeParams?: Record<string, string>;
}): OutgoingItip | null {
  const first = args.components[0];
  if (!first) return null;
  const org = organizerProp(first);
  if (!org || !weSchedule(org)) return null;
  const out: Comp[] = [];
  for (const c of args.components) {
    const mine = findAttendee(c, args.me);
    const r = new ICAL.Component('vevent');
    for (const p of c.getAllProperties())
      if (REPLY_KEEP.has(p.name)) r.addProperty(ICAL.Property.fromString(p.toICALString()));
    // Delivery bookkeeping of my copy (RFC 6638: never sent in an iTIP message).
    r.getFirstProperty('organizer')?.removeParameter('schedule-status');
    if (!r.hasProperty('sequence')) r.addPropertyWithValue('sequence', sequenceOf(c));
    const att = mine ? ICAL.Property.fromString(mine.toICALString()) : new ICAL.Property('attendee');
    if (!mine) att.setValue(toMailto(args.me));
    att.setParameter('partstat', args.partstat);
    att.removeParameter('rsvp');
    att.removeParameter('schedule-status');
    att.removeParameter('x-received-sequence');
    att.removeParameter('x-received-dtstamp');
    for (const [k, v] of Object.entries(args.extraAttendeeParams ?? {})) att.setParameter(k, v);
    r.addProperty(att);
    if (args.comment) r.addPropertyWithValue('comment', args.comment);
    setStamp(r, args.now);
    out.push(r);
  }
  const summary = textValue(first, 'summary');
  const partstat = args.partstat.toUpperCase();
  return {
    method: 'REPLY',
    // My From name is my own identity (the adapter sets it from settings), never the CN the inviter wrote for me.
    from: { address: args.me },
    to: { address: propRecipient(org), name: param(org, 'cn') ?? undefined },
    subject: { key: 'outgoing.reply.subject', params: { partstat, summary } },
    text: [
      { key: 'outgoing.reply.text', params: { partstat, summary, me: args.me } },
      ...commentParagraph(args.comment),
    ],
    ics: serializeItip('REPLY', out, args.source),
    uid: textValue(first, 'uid') ?? '',
    recurrenceId: singleRid(out),
    sequence: sequenceOf(first),
  };
}

function singleRid(components: readonly Comp[]): string | null {
  if (components.length !== 1 || !components[0]) return null;
  const rid = recurrenceIdOf(components[0]);
  return rid ? formatIso(rid) : null;
}

/**
 * REQUEST messages from the organizer's stored copy, one per attendee (me excluded): each recipient receives the
 * master when they attend it (with EXDATEs for overrides they are not in) and the overrides they attend
 * (RFC 5546 §3.2.6 restricting instances; sabre/vobject BrokerNewEventTest::testRecurrenceInvite).
 */
export function buildRequests(args: {
  calendar: Comp;
  me: readonly string[];
  recipients?: readonly string[];
  /** The iMIP address patterns (imipPatterns.ts): attendees outside them are not mailed. */
  patterns?: readonly string[] | null;
  now: number;
  /** The Subject's key (its one parameter: `summary`). */
  subject: MessageKey;
  /** The text part's paragraphs. */
  text: OutgoingItip['text'];
}): OutgoingItip[] {
  const events = args.calendar.getAllSubcomponents('vevent');
  const master = events.find((e) => !e.hasProperty('recurrence-id')) ?? null;
  const first = master ?? events[0];
  if (!first) return [];
  const org = organizerProp(first);
  if (!org) return [];
  // Keyed by who the attendee is; the mail goes where their calendar user address says (propRecipient).
  const everyone = new Map<string, { to: string; cn: string | null }>();
  for (const e of events)
    for (const a of attendeeProps(e))
      if (!everyone.has(propAddress(a))) everyone.set(propAddress(a), { to: propRecipient(a), cn: param(a, 'cn') });
  const want = args.recipients ? new Set(args.recipients.map(normalizeAddress)) : null;
  const out: OutgoingItip[] = [];
  for (const [addr, { to, cn }] of everyone) {
    if (!addr || args.me.includes(addr) || addr === propAddress(org)) continue;
    if (want && !want.has(addr)) continue;
    if (!imipAllowed(addr, args.patterns)) continue;
    if (events.some((e) => !weSchedule(findAttendee(e, addr)))) continue;
    const comps: Comp[] = [];
    const inMaster = !!(master && findAttendee(master, addr));
    for (const e of events) {
      if (e === master) continue;
      if (findAttendee(e, addr)) comps.push(prepareForSend(e, args.now));
    }
    if (inMaster && master) {
      const m = prepareForSend(master, args.now);
      for (const e of events) {
        if (e === master || findAttendee(e, addr)) continue;
        const rid = recurrenceIdOf(e);
        if (rid) m.addPropertyWithValue('exdate', rid.clone());
      }
      comps.unshift(m);
    }
    if (comps.length === 0) continue;
    const summary = textValue(first, 'summary');
    out.push({
      method: 'REQUEST',
      from: { address: propAddress(org), name: param(org, 'cn') ?? undefined },
      to: { address: to, name: cn ?? undefined },
      subject: { key: args.subject, params: { summary } },
      text: args.text,
      ics: serializeItip('REQUEST', comps, args.calendar),
      uid: textValue(first, 'uid') ?? '',
      recurrenceId: singleRid(comps),
      sequence: sequenceOf(first),
    });
  }
  return out;
}

/** A copy for sending: fresh DTSTAMP, our bookkeeping parameters and local alarms removed. */
function prepareForSend(c: Comp, now: number): Comp {
  const copy = cloneComponent(c);
  for (const a of attendeeProps(copy)) {
    a.removeParameter('x-received-sequence');
    a.removeParameter('x-received-dtstamp');
    a.removeParameter('schedule-status');
  }
  copy.getFirstProperty('organizer')?.removeParameter('schedule-status');
  copy.removeAllSubcomponents('valarm');
  // Our own bookkeeping, such as each attendee's private reply comment (X-IMIP-ATTENDEE-COMMENT), stays at home.
  removePropertiesWhere(copy, (p) => p.name.startsWith('x-imip-'));
  setStamp(copy, now);
  return copy;
}

/** DECLINECOUNTER to the attendee who proposed (RFC 5546 §3.2.8). */
export function buildDeclineCounter(args: {
  stored: Comp;
  component: Comp;
  attendee: string;
  me: string;
  comment: string | null;
  now: number;
  counter: Comp;
}): OutgoingItip | null {
  const org = organizerProp(args.component);
  const att = findAttendee(args.counter, args.attendee) ?? findAttendee(args.component, args.attendee);
  if (!org || !att) return null;
  const r = new ICAL.Component('vevent');
  for (const name of ['uid', 'recurrence-id', 'dtstart', 'dtend', 'duration', 'summary']) {
    const p = args.component.getFirstProperty(name);
    if (p) r.addProperty(ICAL.Property.fromString(p.toICALString()));
  }
  r.addPropertyWithValue('sequence', sequenceOf(args.component));
  r.addProperty(ICAL.Property.fromString(org.toICALString()));
  r.addProperty(ICAL.Property.fromString(att.toICALString()));
  if (args.comment) r.addPropertyWithValue('comment', args.comment);
  setStamp(r, args.now);
  const summary = textValue(args.component, 'summary');
  return {
    method: 'DECLINECOUNTER',
    from: { address: propAddress(org), name: param(org, 'cn') ?? undefined },
    to: { address: propRecipient(att), name: param(att, 'cn') ?? undefined },
    subject: { key: 'outgoing.declineCounter.subject', params: { summary } },
    text: [{ key: 'outgoing.declineCounter.text', params: { summary } }, ...commentParagraph(args.comment)],
    ics: serializeItip('DECLINECOUNTER', [r], args.stored),
    uid: textValue(args.component, 'uid') ?? '',
    recurrenceId: singleRid([r]),
    sequence: sequenceOf(args.component),
  };
}

/** REFRESH to the organizer (RFC 5546 §3.2.6), asked for when an ADD arrives for a series we do not have. */
export function buildRefresh(args: { component: Comp; me: string; now: number }): OutgoingItip | null {
  const org = organizerProp(args.component);
  if (!org) return null;
  const r = new ICAL.Component('vevent');
  r.addPropertyWithValue('uid', textValue(args.component, 'uid') ?? '');
  r.addProperty(ICAL.Property.fromString(org.toICALString()));
  const att = new ICAL.Property('attendee');
  att.setValue(toMailto(args.me));
  r.addProperty(att);
  setStamp(r, args.now);
  return {
    method: 'REFRESH',
    from: { address: args.me },
    to: { address: propRecipient(org), name: param(org, 'cn') ?? undefined },
    subject: { key: 'outgoing.refresh.subject', params: { summary: textValue(args.component, 'summary') } },
    text: [{ key: 'outgoing.refresh.text' }],
    ics: serializeItip('REFRESH', [r], null),
    uid: textValue(args.component, 'uid') ?? '',
    recurrenceId: null,
    sequence: 0,
  };
}
